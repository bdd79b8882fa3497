/**
 * CPU time (user + system, from /proc) of the server process and of the bench's Chromium processes
 * by kind (browser, renderer, network service, …): what a figure costs, whatever else the shared
 * machine runs at the same time.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Chromium's processes carry their profile folder, which launchBrowser names with this prefix. */
export const PROFILE_PREFIX = 'countersign-bench-profile-';
const MS_PER_TICK = 10; // USER_HZ = 100

/** CPU ms so far, by process kind: 'server', 'chromium browser', 'chromium renderer', 'chromium NetworkService', … */
export function cpuMs(serverPid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline = '';
    let stat = '';
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue;
    }
    const kind = Number(name) === serverPid ? 'server' : cmdline.includes(PROFILE_PREFIX) ? chromiumKind(cmdline) : null;
    if (!kind) continue;
    // Fields after the command's closing parenthesis; utime and stime are the 14th and 15th of the line.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out[kind] = (out[kind] ?? 0) + (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  }
  return out;
}

function chromiumKind(cmdline: string): string {
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? 'browser';
  const sub = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1]?.replace(/.*\./, '');
  return `chromium ${sub ?? type}`;
}

/** CPU ms per unit of work between two readings, largest first, without kinds that used none. */
export function cpuPer(before: Record<string, number>, after: Record<string, number>, units: number): Array<[string, number]> {
  return Object.entries(after)
    .map(([kind, ms]): [string, number] => [kind, (ms - (before[kind] ?? 0)) / units])
    .filter(([, ms]) => ms >= 0.005)
    .sort((a, b) => b[1] - a[1]);
}
