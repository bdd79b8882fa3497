/**
 * A server of the test's own, for specs that must stop it, restart it or serve another build:
 * the same program as `npm start`, started as one process and stopped by its PID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { DEMO_PIN } from './env';

export interface TestServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(options: { port: number; dataDir: string; distDir?: string }): Promise<TestServer> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      COUNTERSIGN_DATA_DIR: options.dataDir,
      ...(options.distDir ? { COUNTERSIGN_DIST_DIR: options.distDir } : {}),
      DEMO: '1',
      DEMO_PIN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`the test server exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`the test server did not answer within 20 s:\n${output}`);
}
