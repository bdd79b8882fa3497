/**
 * Everything the benchmark starts (builds, servers, the browser, temporary folders) is registered
 * here and undone in reverse order: by the run's finally, on Ctrl+C or SIGTERM, and by the
 * watchdog when the suite overruns. Child processes are stopped by their own PIDs.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

type Undo = { name: string; run: () => Promise<void> };
const undos: Undo[] = [];

/** Registers an undo; returns a function that runs it early (and only once). */
export function onCleanup(name: string, run: () => Promise<void>): () => Promise<void> {
  let done = false;
  const undo: Undo = {
    name,
    run: async () => {
      if (done) return;
      done = true;
      await run();
    },
  };
  undos.push(undo);
  return async () => {
    undos.splice(undos.indexOf(undo), 1);
    await undo.run();
  };
}

export async function cleanUpAll(): Promise<void> {
  while (undos.length > 0) {
    const undo = undos.pop()!;
    try {
      await withTimeout(undo.run(), 15_000, undo.name);
    } catch (error) {
      console.error(`bench: cleaning up ${undo.name} failed:`, error instanceof Error ? error.message : error);
    }
  }
}

/** SIGTERM to the child's PID, then SIGKILL if it is still there after graceMs. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && isAlive(child.pid) && process.kill(child.pid, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no end after ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
