import autocannon from 'autocannon';

/**
 * autocannon as the city's gateway would send the load: the requests name `addresses` client
 * addresses in X-Forwarded-For, in turn, as a release's many patients do. Each address's request
 * is built once (autocannon caches a request without setupRequest), so naming the clients costs
 * the load generator nothing per request. Prints autocannon's JSON result.
 * Args: url connections seconds addresses
 */
const [url, connections, seconds, addresses] = process.argv.slice(2);
const count = Math.max(1, Number(addresses));
const requests = Array.from({ length: count }, (_, i) => ({
  method: 'GET' as const,
  headers: { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
}));
const result = await autocannon({ url: url!, connections: Number(connections), duration: Number(seconds), requests });
process.stdout.write(JSON.stringify(result));
