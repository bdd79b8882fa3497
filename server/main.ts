/**
 * `npm start`: reads the configuration, opens the database (data/countersign.sqlite), prepares the
 * demo shop and the owner's first set-up, then serves the built app, the API and the owner area in
 * one process, and prints where to open them. Stops on Ctrl+C or SIGTERM, closing the database.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pkg from '../package.json' with { type: 'json' };
import { createApp } from './app';
import { ConfigError, readConfig, type Config } from './config';
import { DEMO_FILE, prepareDemoShop, type DemoShop } from './demo';
import { DEMO_CODE_DAYS, DEMO_CODE_USES, seedDemoShop } from './demo-seed';
import { schedulePurge } from './gdpr/erase-customer';
import { createMailer } from './mail/mailer';
import { mailDir } from './mail/mail-settings';
import { folderTransport, smtpTransport, type MailTransport } from './mail/mail-transport';
import { prepareOwnerSetup } from './owner/owner-account';
import { loadStaticSite, type StaticSite } from './static';
import { DATABASE_FILE, openSqliteStore, StoreError } from './store/sqlite-store';

async function main(): Promise<void> {
  const config = readConfig();
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const site = await loadStaticSite({ dir: config.distDir });
  const store = openSqliteStore({ file: join(config.dataDir, DATABASE_FILE) });
  const demo = config.demo ? await prepareDemoShop({ dataDir: config.dataDir, pin: config.demoPin, enrolCode: config.demoEnrolCode }) : null;
  const demoCode = demo ? (await seedDemoShop({ store, demo, now: new Date() })).enrolCode : null;
  const setupSecret = await prepareOwnerSetup({ store });
  // Art. 17: kept records and holds whose period has ended go at start and then once a day.
  const stopPurge = schedulePurge({ store });
  const transport = config.mail.smtpUrl ? smtpTransport({ smtpUrl: config.mail.smtpUrl }) : folderTransport({ dir: mailDir(config) });
  // The customers' links need this server's address, known for sure once it listens.
  let linkBase = config.publicUrl ?? '';
  // Mails wait for a pause of 1 s in the uploads, so that a tablet catching up is not slowed down.
  const mailer = createMailer({ store, transport, settings: config.mail, linkBase: () => linkBase, quietMs: 1_000 });
  const app = createApp({ config, site, store, demo, mailer });

  const onListen = (info: AddressInfo) => {
    linkBase = config.publicUrl ?? ownUrl({ config, port: info.port });
    console.log(banner({ config, site, demo, demoCode, setupSecret, port: info.port, transport }));
    mailer.start();
  };
  const server: ServerType = config.tls
    ? serve(
        {
          fetch: app.fetch,
          port: config.port,
          hostname: config.host,
          createServer: createHttpsServer,
          serverOptions: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) },
        },
        onListen,
      )
    : serve({ fetch: app.fetch, port: config.port, hostname: config.host }, onListen);

  server.on('error', (error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? `port ${config.port} is already in use; set PORT to another one` : error.message;
    console.error(`countersign cannot listen on ${config.host}:${config.port}: ${why}.`);
    process.exit(1);
  });

  // The database is closed last, after the requests in flight have finished (or 2 s at most).
  // A mail being sent gets a moment to be marked sent, so that it is not sent again after the restart.
  const exit = () => {
    stopPurge();
    const wait = new Promise((resolve) => setTimeout(resolve, 1500).unref());
    void Promise.race([mailer.stop(), wait]).finally(() => {
      transport.close();
      store.close();
      process.exit(0);
    });
  };
  const stop = () => {
    server.close(exit);
    if ('closeAllConnections' in server) server.closeAllConnections();
    setTimeout(exit, 2000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function banner({
  config,
  site,
  demo,
  demoCode,
  setupSecret,
  port,
  transport,
}: {
  config: Config;
  site: StaticSite;
  demo: DemoShop | null;
  demoCode: string | null;
  setupSecret: string | null;
  port: number;
  transport: MailTransport;
}): string {
  const scheme = config.tls ? 'https' : 'http';
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(config.host);
  const anyHost = ['0.0.0.0', '::'].includes(config.host);
  const urls = loopback || anyHost ? [`${scheme}://localhost:${port}/`] : [`${scheme}://${hostForUrl(config.host)}:${port}/`];
  if (anyHost) urls.push(...lanAddresses().map((ip) => `${scheme}://${ip}:${port}/`));
  if (config.publicUrl) urls.unshift(`${config.publicUrl}/`);

  // German first (the shop's language), the English term beside it; the wording matches the
  // owner pages ("Einrichtungsgeheimnis") and the tablet ("Verbindungscode", "PIN").
  const owner = `${urls[0]}owner`;
  const pad = '                            ';
  const lines = [``, `countersign ${pkg.version} läuft / is running.`, ``, `  Öffnen / Open:            ${urls.join(`\n${pad}`)}`];
  if (setupSecret) {
    lines.push(
      `  Inhaberbereich / Owner:   ${owner}/setup`,
      `${pad}Einrichtungsgeheimnis / set-up secret ${setupSecret}`,
      `${pad}(dort mit einem neuen Inhaber-Passwort eingeben; bis dahin gilt bei jedem Start ein neues /`,
      `${pad} enter it there with a new owner password; a new secret is made at each start until then)`,
    );
  } else lines.push(`  Inhaberbereich / Owner:   ${owner}`);
  if (demo) {
    const kept = shortPath(join(config.dataDir, DEMO_FILE));
    lines.push(`  Demo-Shop / Demo shop:    PIN ${demo.pin}   (Optik Demo, steht in / kept in ${kept})`);
    if (demoCode) {
      lines.push(
        `${pad}Verbindungscode / enrolment code ${demoCode}`,
        `${pad}(am Tablet unter „Mit dem Shop-Server verbinden“; für bis zu ${DEMO_CODE_USES} Tablets, ${DEMO_CODE_DAYS} Tage /`,
        `${pad} on the tablet under "connect to the shop server"; for up to ${DEMO_CODE_USES} tablets, ${DEMO_CODE_DAYS} days)`,
      );
    } else lines.push(`${pad}kein Demo-Verbindungscode: Diese Datenbank enthält einen echten Shop. DEMO=0 setzen. / no demo enrolment code: this database holds a real shop. Set DEMO=0.`);
  }
  const [tablet, ...tabletMore] = tabletHint({ config, loopback, scheme });
  lines.push(`  Tablet:                   ${tablet}`, ...tabletMore.map((line) => `${pad}${line}`));
  const [mail, ...mailMore] = transport.describe().split('\n');
  lines.push(`  E-Mail:                   ${mail}`, ...mailMore.map((line) => `${pad}${line}`));
  if (config.mail.smtpUrl && !config.publicUrl) {
    lines.push(
      `${pad}Links in den E-Mails / links in the e-mails: ${urls[0]}`,
      `${pad}(PUBLIC_URL auf die Adresse setzen, die Kunden erreichen / set it to the address customers reach)`,
    );
  }
  if (!site.built) lines.push(``, `  Die App ist noch nicht gebaut / the app is not built yet: "npm run build" (npm start does it for you).`);
  lines.push(``, `Beenden mit Strg+C / Stop with Ctrl+C.`);
  return lines.join('\n');
}

/** This server's own address, as the banner's first line shows it (for the customers' links). */
function ownUrl({ config, port }: { config: Config; port: number }): string {
  const scheme = config.tls ? 'https' : 'http';
  const local = ['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::'].includes(config.host);
  return `${scheme}://${local ? 'localhost' : hostForUrl(config.host)}:${port}`;
}

/** The banner's "Tablet:" lines: how a tablet gets the HTTPS it needs, the two ways README "On a tablet" gives. */
function tabletHint({ config, loopback, scheme }: { config: Config; loopback: boolean; scheme: string }): string[] {
  const url = config.publicUrl;
  if (url?.startsWith('https://')) return [`am Tablet ${url}/ öffnen (HTTPS: installierbar, offline nutzbar) /`, `open ${url}/ on the tablet (HTTPS: installs, works offline)`];
  if (scheme === 'https' && !loopback) {
    return ['am Tablet eine der https-Adressen oben öffnen; es muss dem Zertifikat vertrauen /', 'open one of the https addresses above on the tablet; it must trust the certificate'];
  }
  const why = loopback
    ? ['nur dieser Computer erreicht den Server / only this computer can reach it.']
    : ['http im Netz ist kein sicherer Kontext: keine Installation, kein Offline-Betrieb /', 'plain http on the network is not a secure context: no install, no offline use.'];
  const [local, localEn] = loopback ? ['bleibt auf 127.0.0.1', 'stays on 127.0.0.1'] : ['zurück auf 127.0.0.1 (ohne HOST)', 'back on 127.0.0.1 (no HOST)'];
  return [
    ...why,
    'Ein Tablet braucht HTTPS, entweder / a tablet needs HTTPS, either (README, "On a tablet"):',
    'A) HOST=0.0.0.0 mit TLS_CERT und TLS_KEY: countersign spricht selbst HTTPS, oder /',
    '   HOST=0.0.0.0 with TLS_CERT and TLS_KEY: countersign serves HTTPS itself, or',
    `B) ein Reverse-Proxy mit HTTPS davor und PUBLIC_URL gesetzt; countersign ${local} /`,
    `   a reverse proxy with HTTPS in front and PUBLIC_URL set; countersign ${localEn}`,
  ];
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

function shortPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof StoreError) console.error(`countersign cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
