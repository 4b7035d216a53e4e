/** The client programs' arguments for a mysql:// URL, the password in the environment (never in argv). */
export function clientArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('the database URL names no database');
  const args = [
    `--host=${u.hostname}`,
    `--port=${u.port || '3306'}`,
    `--user=${decodeURIComponent(u.username || 'root')}`,
    '--default-character-set=utf8mb4',
  ];
  return { args, env: { ...process.env, MYSQL_PWD: decodeURIComponent(u.password) }, database };
}
