import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

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
