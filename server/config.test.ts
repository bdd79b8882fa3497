import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG_FILE, readConfig } from './config';
import { tempDir } from './test-site';

describe('readConfig', () => {
  it('has defaults that work on one computer', () => {
    const config = readConfig({}, '/srv/countersign');
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/countersign/data',
      publicUrl: null,
      tls: null,
      demo: true,
      demoPin: null,
      trustProxy: false,
      demoEnrolCode: null,
      configFile: null,
    });
    expect(config.distDir).toMatch(/dist$/);
  });

  it('reads every variable', () => {
    const config = readConfig(
      {
        PORT: '8443',
        HOST: '0.0.0.0',
        COUNTERSIGN_DATA_DIR: '/var/lib/countersign',
        PUBLIC_URL: 'https://kasse.optik-demo.example/',
        TLS_CERT: 'tls/cert.pem',
        TLS_KEY: 'tls/key.pem',
        DEMO: '0',
        DEMO_PIN: '246810',
      },
      '/srv/cs',
    );
    expect(config).toMatchObject({
      port: 8443,
      host: '0.0.0.0',
      dataDir: '/var/lib/countersign',
      publicUrl: 'https://kasse.optik-demo.example',
      tls: { certFile: '/srv/cs/tls/cert.pem', keyFile: '/srv/cs/tls/key.pem' },
      demo: false,
      demoPin: '246810',
    });
  });

  it('names every wrong value at once', () => {
    let error: unknown;
    try {
      readConfig({ PORT: 'eighty', TLS_CERT: 'cert.pem', DEMO: 'maybe', DEMO_PIN: '12', PUBLIC_URL: 'kasse.local' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'TLS_KEY', 'DEMO must', 'DEMO_PIN', 'PUBLIC_URL']) expect(message).toContain(name);
  });
});

describe('readConfig with a config file', () => {
  const write = async (name: string, content: unknown) => {
    const dir = await tempDir();
    await mkdir(join(dir, 'etc'));
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return { dir, file };
  };

  it('reads ./countersign.config.json when present, with paths relative to the file', async () => {
    const { dir, file } = await write(DEFAULT_CONFIG_FILE, {
      '//': 'comments are allowed under keys starting with //',
      port: 8443,
      host: '0.0.0.0',
      dataDir: 'var/data',
      publicUrl: 'https://kasse.example.com/',
      tlsCert: 'tls/cert.pem',
      tlsKey: 'tls/key.pem',
      trustProxy: true,
      demo: false,
      demoPin: '1357',
      demoEnrolCode: 'demo-code-2026',
    });
    expect(readConfig({}, dir)).toMatchObject({
      port: 8443,
      host: '0.0.0.0',
      dataDir: join(dir, 'var/data'),
      publicUrl: 'https://kasse.example.com',
      tls: { certFile: join(dir, 'tls/cert.pem'), keyFile: join(dir, 'tls/key.pem') },
      trustProxy: true,
      demo: false,
      demoPin: '1357',
      demoEnrolCode: 'demo-code-2026',
      configFile: file,
    });
  });

  it('reads the file COUNTERSIGN_CONFIG names, and lets set variables win over it', async () => {
    const { dir, file } = await write('etc/countersign.json', { port: 9000, host: '0.0.0.0', dataDir: '/srv/data', demo: true });
    const config = readConfig({ COUNTERSIGN_CONFIG: 'etc/countersign.json', PORT: '9100', HOST: '', DEMO: '0' }, dir);
    expect(config).toMatchObject({ port: 9100, host: '0.0.0.0', dataDir: '/srv/data', demo: false, configFile: file });
  });

  it('has no file by default', () => {
    expect(readConfig({}, '/nonexistent/countersign').configFile).toBeNull();
  });

  it('names every problem with the file at once, and exits with a message', async () => {
    const { dir } = await write(DEFAULT_CONFIG_FILE, { prot: 8080, port: 'eighty', tlsCert: 'cert.pem', tls: { cert: 'x' }, demo: 'maybe' });
    expect(() => readConfig({}, dir)).toThrow(ConfigError);
    let message = '';
    try {
      readConfig({}, dir);
    } catch (e) {
      message = (e as Error).message;
    }
    for (const part of ['unknown setting "prot"', 'unknown setting "tls"', 'PORT must', 'TLS_KEY', 'DEMO must', DEFAULT_CONFIG_FILE]) expect(message).toContain(part);
  });

  it('says when the file is missing or not JSON', async () => {
    expect(() => readConfig({ COUNTERSIGN_CONFIG: '/nonexistent/countersign.json' })).toThrow(/no such file/);
    const { dir } = await write(DEFAULT_CONFIG_FILE, '{ "port": 8080, }');
    expect(() => readConfig({}, dir)).toThrow(/not valid JSON/);
    const list = await write(DEFAULT_CONFIG_FILE, '[8080]');
    expect(() => readConfig({}, list.dir)).toThrow(/one JSON object/);
  });

  it('checks TRUST_PROXY and DEMO_ENROL_CODE', () => {
    expect(readConfig({ TRUST_PROXY: 'yes', DEMO_ENROL_CODE: 'DEMO-TEST-CODE' })).toMatchObject({ trustProxy: true, demoEnrolCode: 'DEMO-TEST-CODE' });
    expect(() => readConfig({ TRUST_PROXY: 'sometimes' })).toThrow(/TRUST_PROXY must be 1 or 0/);
    expect(() => readConfig({ DEMO_ENROL_CODE: 'abc' })).toThrow(/DEMO_ENROL_CODE must be 8 to 32/);
  });
});

describe('readConfig: the thank-you e-mail', () => {
  it('writes .eml files into <data dir>/mail-out by default, and reads SMTP_URL, MAIL_FROM and MAIL_DIR', () => {
    expect(readConfig({}, '/srv/cs').mail).toEqual({ smtpUrl: null, from: null, dir: null });
    expect(
      readConfig({ SMTP_URL: 'smtps://shop%40example.de:p%C3%A4ss@mail.example.de:465', MAIL_FROM: 'Optik Muster <info@optik-muster.de>', MAIL_DIR: 'outbox' }, '/srv/cs').mail,
    ).toEqual({ smtpUrl: 'smtps://shop%40example.de:p%C3%A4ss@mail.example.de:465', from: 'Optik Muster <info@optik-muster.de>', dir: '/srv/cs/outbox' });
  });

  it('reads them from the config file too', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, DEFAULT_CONFIG_FILE), JSON.stringify({ smtpUrl: 'smtp://mail.example.de:587', mailFrom: 'info@optik-muster.de', mailDir: 'mails' }));
    expect(readConfig({}, dir).mail).toEqual({ smtpUrl: 'smtp://mail.example.de:587', from: 'info@optik-muster.de', dir: join(dir, 'mails') });
  });

  it('refuses an SMTP_URL or MAIL_FROM it cannot use, with a clear message and without repeating the password', () => {
    for (const [url, message] of [
      ['mail.example.de:587', /SMTP_URL must be a URL like smtp:\/\/user:password@/],
      ['smtp//mail.example.de', /SMTP_URL must be a URL like smtp:\/\/user:password@/],
      ['https://mail.example.de', /SMTP_URL must start with smtp:\/\/ or smtps:\/\/, not "https:\/\/"/],
      ['smtp://user:secret%zz@mail.example.de', /stray "%"/],
    ] as const) {
      let error: unknown;
      try {
        readConfig({ SMTP_URL: url });
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('secret');
    }
    expect(() => readConfig({ MAIL_FROM: 'Optik Muster' })).toThrow(/MAIL_FROM must be an address like/);
    expect(() => readConfig({ MAIL_FROM: 'Optik <info@optik>' })).toThrow(/MAIL_FROM/);
  });

  it('reads TIME_ZONE (default Europe/Berlin) from the environment or the file, and refuses a zone Intl does not know', async () => {
    expect(readConfig({}, '/srv/cs').timeZone).toBe('Europe/Berlin');
    expect(readConfig({ TIME_ZONE: 'Europe/Vienna' }, '/srv/cs').timeZone).toBe('Europe/Vienna');
    const dir = await tempDir();
    await writeFile(join(dir, DEFAULT_CONFIG_FILE), JSON.stringify({ timeZone: 'Europe/Zurich' }));
    expect(readConfig({}, dir).timeZone).toBe('Europe/Zurich');
    expect(() => readConfig({ TIME_ZONE: 'Europe/Bonn' })).toThrow(/TIME_ZONE must be a time zone name like Europe\/Berlin .*not "Europe\/Bonn"/);
    expect(() => readConfig({ TIME_ZONE: 'MEZ' })).toThrow(/TIME_ZONE/);
  });
});
