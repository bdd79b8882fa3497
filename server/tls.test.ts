/**
 * HTTPS for real: a throwaway self-signed certificate (openssl), the real server (`server/main.ts`
 * as its own process, as `npm start` runs it) with TLS_CERT/TLS_KEY, and requests that trust only
 * that certificate. The owner's cookies must carry Secure, and the CSRF check must accept the https
 * origin. The server is stopped by its PID.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PORTS = [5750, 5751, 5752, 5753, 5754, 5755, 5756, 5757, 5758, 5759];
const PASSWORD = 'correct horse battery';

let dir: string;
let ca: string;
let server: ChildProcess | null = null;
let port = 0;
let output = '';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTPS request that trusts only the test's certificate. */
function send(path: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: 'localhost', port, path, method, headers, ca, timeout: 5_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts the server on the first free port of ours; resolves once it answers over HTTPS and has printed its banner. */
async function startServer(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['COUNTERSIGN_CONFIG', 'PUBLIC_URL', 'TRUST_PROXY', 'SMTP_URL', 'MAIL_DIR', 'COUNTERSIGN_DIST_DIR']) delete env[name];
  for (const candidate of PORTS) {
    port = candidate;
    output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', COUNTERSIGN_DATA_DIR: join(dir, 'data'), DEMO: '0', TLS_CERT: join(dir, 'cert.pem'), TLS_KEY: join(dir, 'key.pem') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && child.exitCode === null; ) {
      const up = await send('/api/v1/health').then((a) => a.status === 200, () => false);
      if (up && output.includes('Stop with Ctrl+C.')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (child.exitCode === null) break;
    if (!output.includes('already in use')) break;
  }
  throw new Error(`the HTTPS server did not start:\n${output}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

// A test that times out must not leave the server running.
process.once('exit', () => server?.kill('SIGKILL'));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'countersign-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  ca = await readFile(join(dir, 'cert.pem'), 'utf8');
  await startServer();
}, 60_000);

afterAll(async () => {
  await stopServer();
  await rm(dir, { recursive: true, force: true });
}, 15_000);

const cookie = (answer: Answer, name: string) => ([answer.headers['set-cookie']].flat().filter(Boolean) as string[]).find((c) => c.startsWith(`${name}=`));

describe('the server over HTTPS (TLS_CERT, TLS_KEY)', { timeout: 30_000 }, () => {
  it('prints https addresses and answers the API over TLS with the given certificate', async () => {
    expect(output).toContain(`https://localhost:${port}/`);
    const health = await send('/api/v1/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, demo: false });
  });

  it('tells in German, then English, the two ways to a tablet: A) TLS on 0.0.0.0, B) a proxy in front with PUBLIC_URL', () => {
    const [tablet, mail] = [/^ {2}Tablet: {19}(.*(?:\n {28}.*)*)/m.exec(output)?.[1], /^ {2}E-Mail: {19}(.*(?:\n {28}.*)*)/m.exec(output)?.[1]];
    expect(tablet?.split('\n'), output).toEqual([
      'nur dieser Computer erreicht den Server / only this computer can reach it.',
      expect.stringMatching(/^ {28}Ein Tablet braucht HTTPS, entweder \/ a tablet needs HTTPS, either \(README, "On a tablet"\):$/),
      expect.stringMatching(/^ {28}A\) HOST=0\.0\.0\.0 mit TLS_CERT und TLS_KEY: .* \/$/),
      expect.stringMatching(/^ {31}HOST=0\.0\.0\.0 with TLS_CERT and TLS_KEY: /),
      expect.stringMatching(/^ {28}B\) ein Reverse-Proxy mit HTTPS davor und PUBLIC_URL gesetzt; countersign bleibt auf 127\.0\.0\.1 \/$/),
      expect.stringMatching(/^ {31}a reverse proxy with HTTPS in front and PUBLIC_URL set; countersign stays on 127\.0\.0\.1$/),
    ]);
    expect(mail?.split('\n')).toEqual([`Ordner / folder ${join(dir, 'data', 'mail-out')}`, `${' '.repeat(28)}(.eml-Dateien, kein SMTP_URL gesetzt / .eml files, no SMTP_URL set)`]);
  });

  it('is refused by a client that does not trust the certificate', async () => {
    const untrusted = new Promise<void>((resolve, reject) => {
      request({ host: 'localhost', port, path: '/api/v1/health', timeout: 5_000 }, () => reject(new Error('answered')))
        .on('error', (error: NodeJS.ErrnoException) => (error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ? resolve() : reject(error)))
        .end();
    });
    await expect(untrusted).resolves.toBeUndefined();
  });

  it("gives the owner's language cookie Secure", async () => {
    const page = await send('/owner/setup?lang=en');
    expect(page.status).toBe(200);
    expect(cookie(page, 'countersign_lang')).toMatch(/;\s*Secure/i);
  });

  it('accepts the set-up from the https origin and gives the session cookie Secure, HttpOnly and SameSite=Strict', async () => {
    const secret = /set-up secret ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(output)?.[1];
    expect(secret, output).toBeDefined();
    const answer = await send('/owner/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `https://localhost:${port}` },
      body: new URLSearchParams({ secret: secret!, password: PASSWORD, repeat: PASSWORD }).toString(),
    });
    expect(answer.status, answer.body).toBe(303);
    const session = cookie(answer, 'countersign_owner');
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=Strict/i);
  });
});
