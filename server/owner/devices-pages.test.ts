/**
 * The enrolment code page warns, next to the QR code, when a tablet cannot use the address the
 * code carries (a loopback host, or plain http), and says what to do. Real SQLite file, app.request().
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../config';
import { makeTestApp, postForm, setUpOwner } from '../test-app';
import { enrolmentAddressProblem } from './devices-pages';
import { OWNER_STRINGS } from './strings';

/** The owner makes a code; the page's HTML, with entities such as &quot; read back as text. */
async function codePage(config: Partial<Config>, lang: 'de' | 'en' = 'de', headers: Record<string, string> = {}): Promise<string> {
  const t = await makeTestApp({ config });
  const cookie = await setUpOwner(t);
  const res = await postForm(t.app, `/owner/devices/codes?lang=${lang}`, { note: 'Theke' }, { cookie, ...headers });
  expect(res.status).toBe(201);
  return (await res.text()).replaceAll('&quot;', '"').replaceAll('&#39;', "'");
}

/** The warning box, up to the QR code that follows it; '' when there is none. */
const warningOf = (html: string) => /<div class="message error" role="alert" id="enrolment-address-warning">([\s\S]*?)<\/div>\s*<div class="qr"/.exec(html)?.[1] ?? '';

describe('the enrolment code page', () => {
  it('warns in plain words next to the QR code when it encodes localhost, and says what to do', async () => {
    const html = await codePage({ publicUrl: 'http://localhost:5731' });
    expect(html).toContain('http://localhost:5731/?enrol=');
    const warning = warningOf(html);
    expect(warning).toContain('Ein Tablet kann diese Adresse nicht öffnen: „localhost“ ist nur dieser Computer selbst.');
    for (const words of ['HOST=0.0.0.0', 'HTTPS', 'PUBLIC_URL', 'README', 'On a tablet']) expect(warning, words).toContain(words);
    // Two ways, as README "On a tablet" gives them: TLS on 0.0.0.0, or a proxy in front of 127.0.0.1.
    const ways = [...warning.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => m[1]);
    expect(ways).toEqual([OWNER_STRINGS.de.devices.addressFixTls, OWNER_STRINGS.de.devices.addressFixProxy]);
    expect(ways[0]).toMatch(/HOST=0\.0\.0\.0, TLS_CERT und TLS_KEY/);
    expect(ways[1]).toMatch(/Reverse-Proxy .*HTTPS.*bleibt auf 127\.0\.0\.1.*PUBLIC_URL/);

    const english = warningOf(await codePage({ publicUrl: 'http://localhost:5731' }, 'en'));
    expect(english).toContain('A tablet cannot open this address: "localhost" is only this computer itself.');
    expect(english).toContain(OWNER_STRINGS.en.devices.addressFix);
    expect(english).toMatch(/<li>countersign serves HTTPS itself: start the server with HOST=0\.0\.0\.0, TLS_CERT and TLS_KEY.*<li>A reverse proxy .*stays on 127\.0\.0\.1.*PUBLIC_URL/s);
  });

  it('warns for the address the owner opened the page under when no PUBLIC_URL is set', async () => {
    expect(warningOf(await codePage({ publicUrl: undefined }))).toContain('„localhost“ ist nur dieser Computer selbst');
  });

  it('warns that plain http on a shop network gives the tablet no HTTPS', async () => {
    const warning = warningOf(await codePage({ publicUrl: 'http://192.168.1.20:5731' }));
    expect(warning).toContain(OWNER_STRINGS.de.devices.addressInsecure);
    expect(warning).toContain(OWNER_STRINGS.de.devices.addressFix);
    expect(warning).not.toContain('nur dieser Computer');
  });

  it('says nothing for an https address a tablet can open', async () => {
    const html = await codePage({ publicUrl: 'https://kasse.example.com' });
    expect(html).toContain('https://kasse.example.com/?enrol=');
    expect(html).not.toContain('enrolment-address-warning');
  });
});

describe('enrolmentAddressProblem', () => {
  it('knows loopback hosts, however written', () => {
    for (const url of ['http://localhost:5731/?enrol=X', 'https://localhost/', 'http://127.0.0.1:5731/', 'https://127.1.2.3/', 'http://[::1]:5731/', 'http://app.localhost/', 'http://0.0.0.0:5731/']) {
      expect(enrolmentAddressProblem(url), url).toMatchObject({ kind: 'loopback' });
    }
    expect(enrolmentAddressProblem('http://[::1]:5731/')).toEqual({ kind: 'loopback', host: '[::1]' });
  });

  it('flags plain http elsewhere, and nothing for https', () => {
    expect(enrolmentAddressProblem('http://kasse.local:5731/')).toEqual({ kind: 'insecure' });
    expect(enrolmentAddressProblem('http://192.168.1.20/')).toEqual({ kind: 'insecure' });
    expect(enrolmentAddressProblem('https://192.168.1.20:5731/')).toBeNull();
    expect(enrolmentAddressProblem('https://kasse.example.com/?enrol=X')).toBeNull();
  });
});
