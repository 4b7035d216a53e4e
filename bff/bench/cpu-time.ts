import fs from 'node:fs';

/**
 * CPU seconds (user + system) used so far by a process and its children, read from Linux's /proc;
 * null where there is no /proc. The storm's figures divide them by the bookings made, which says
 * more about a change than bookings/s on a shared two-core machine whose speed drifts.
 */
export function processTreeCpuSeconds(pid: number): number | null {
  const ticksPerSecond = 100; // USER_HZ on Linux
  const seen = new Set<number>();
  const visit = (p: number): number => {
    if (seen.has(p)) return 0;
    seen.add(p);
    let ticks = 0;
    try {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      for (const tid of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ') : []) ticks += visit(Number(child));
      }
    } catch {
      return 0;
    }
    return ticks;
  };
  if (!fs.existsSync(`/proc/${pid}/stat`)) return null;
  return visit(pid) / ticksPerSecond;
}

/** The pid of a local MariaDB/MySQL server (by process name), when the bench runs beside one. */
export function localDatabasePid(): number | null {
  try {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const name = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (name === 'mariadbd' || name === 'mysqld') return Number(entry);
    }
  } catch {
    return null;
  }
  return null;
}
