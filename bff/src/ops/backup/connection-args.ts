/**
 * The client programs' arguments for a mysql:// URL, the password in the environment (never in
 * argv). `mariadb-binlog` takes only the server part; `mariadb` and `mariadb-dump` also the charset.
 */
export function serverArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('the database URL names no database');
  const args = [
    `--host=${u.hostname}`,
    `--port=${u.port || '3306'}`,
    `--user=${decodeURIComponent(u.username || 'root')}`,
  ];
  return { args, env: { ...process.env, MYSQL_PWD: decodeURIComponent(u.password) }, database };
}

export function clientArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const server = serverArgs(url);
  return { ...server, args: [...server.args, '--default-character-set=utf8mb4'] };
}
