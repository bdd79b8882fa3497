/**
 * A server of the test's own, for specs that must stop it, restart it or serve another build:
 * the same program as `npm start`, started as one process and stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { DEMO_ENROL_CODE, DEMO_PIN } from './env';

export interface TestServer {
  url: string;
  /** The server process's PID, for a caller that must be sure it is gone. */
  pid: number;
  /** Everything the process printed so far (stdout and stderr), e.g. the owner's set-up secret. */
  output(): string;
  stop(): Promise<void>;
}

/** Servers this process started and has not seen exit: killed if the process exits first (a timed-out test). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startServer(options: { port: number; dataDir: string; distDir?: string; env?: Record<string, string> }): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      COUNTERSIGN_DATA_DIR: options.dataDir,
      ...(options.distDir ? { COUNTERSIGN_DIST_DIR: options.distDir } : {}),
      DEMO: '1',
      DEMO_PIN,
      DEMO_ENROL_CODE,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    // The server stops within 2 s by itself; a hung one must not outlive its test.
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  };
  let lastAnswer = 'no answer yet';
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the test server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => ((lastAnswer = `HTTP ${r.status}`), r.ok),
      (error: Error) => ((lastAnswer = `${error.message}: ${String(error.cause ?? '')}`), false),
    );
    // The start-up text is printed once the server listens; the pipe may deliver it after /health answers.
    if (ok && output.includes('Stop with Ctrl+C.')) return { url, pid: child.pid!, stop, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the test server did not answer within 20 s (last: ${lastAnswer}):\n${output}`);
}
