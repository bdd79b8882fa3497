/** @jsxImportSource hono/jsx */
/**
 * /owner/devices: make an enrolment code (shown once, as text and as a QR code of the address the
 * tablet opens), see the open codes and the enrolled tablets, and revoke a tablet after a
 * confirmation page (no scripts needed).
 */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import QRCode from 'qrcode';
import type { Config } from '../config';
import { revokeDevice } from '../devices/devices';
import { createEnrolmentCode, enrolmentUrl } from '../devices/enrolment';
import { requestOrigin } from '../http/client';
import type { Store } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import { formatTime } from './strings';

/**
 * Why a tablet cannot use the address in the QR code, or null: a loopback host is only this
 * computer, and plain http gives a tablet no secure context (no service worker, no offline use).
 */
export function enrolmentAddressProblem(url: string): { kind: 'loopback'; host: string } | { kind: 'insecure' } | null {
  const { protocol, hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1' || host === '0.0.0.0' || host === '::';
  if (loopback) return { kind: 'loopback', host: hostname };
  return protocol === 'http:' ? { kind: 'insecure' } : null;
}

export function createDevicesPages({ config, store, now }: { config: Config; store: Store; now: () => Date }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>()
    .get('/', async (c) => {
      const t = c.get('t');
      const [devices, codes] = await Promise.all([store.devices.list(), store.enrolment.listOpenCodes({ now: now().toISOString() })]);
      const revoked = devices.find((d) => d.id === c.req.query('revoked') && d.revokedAt);
      return renderPage(c, {
        title: t.devices.title,
        section: 'devices',
        message: revoked ? { kind: 'ok', text: t.devices.revoked(revoked.name) } : null,
        body: (
          <>
            <section>
              <h2>{t.devices.newCode}</h2>
              <p>{t.devices.newCodeIntro}</p>
              <form method="post" action="/owner/devices/codes">
                <label for="note">{t.devices.note}</label>
                <input id="note" name="note" maxlength={80} autocomplete="off" />
                <button type="submit">{t.devices.create}</button>
              </form>
            </section>
            <section>
              <h2>{t.devices.list}</h2>
              {devices.length === 0 ? (
                <p>{t.devices.none}</p>
              ) : (
                <div class="scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.devices.name}</th>
                        <th scope="col">{t.devices.enrolled}</th>
                        <th scope="col">{t.devices.lastSeen}</th>
                        <th scope="col">{t.devices.status}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {devices.map((d) => (
                        <tr>
                          <td>
                            {d.name}
                            <br />
                            <small class="mono">{d.id}</small>
                          </td>
                          <td>{formatTime(d.enrolledAt, t)}</td>
                          <td>{formatTime(d.lastSeenAt, t)}</td>
                          <td>
                            {d.revokedAt ? (
                              t.devices.revokedAt(formatTime(d.revokedAt, t))
                            ) : (
                              <>
                                {t.devices.active} · <a href={`/owner/devices/${encodeURIComponent(d.id)}/revoke`}>{t.devices.revoke}</a>
                              </>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            <section>
              <h2>{t.devices.openCodes}</h2>
              {codes.length === 0 ? (
                <p>{t.devices.noOpenCodes}</p>
              ) : (
                <ul>
                  {codes.map((code) => (
                    <li>
                      {code.note || '—'} · {t.devices.validUntil} {formatTime(code.expiresAt, t)} · {t.devices.uses} {code.usedCount}/{code.maxUses}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </>
        ),
      });
    })
    .post('/codes', async (c) => {
      const t = c.get('t');
      const field = await readForm(c);
      const { code, expiresAt } = await createEnrolmentCode({ store, now: now(), note: field('note').trim().slice(0, 80) });
      const url = enrolmentUrl({ origin: config.publicUrl ?? requestOrigin(c, config), code });
      // The SVG is made here from our own URL, so it is safe to put into the page as it is.
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      const problem = enrolmentAddressProblem(url);
      return renderPage(c, {
        title: t.devices.codeTitle,
        section: 'devices',
        status: 201,
        body: (
          <>
            <p>{t.devices.codeIntro}</p>
            <p class="code mono" id="enrolment-code">
              {code}
            </p>
            {problem && (
              <div class="message error" role="alert" id="enrolment-address-warning">
                <p>{problem.kind === 'loopback' ? t.devices.addressLoopback(problem.host) : t.devices.addressInsecure}</p>
                <p>{t.devices.addressFix}</p>
                <ol type="A">
                  <li>{t.devices.addressFixTls}</li>
                  <li>{t.devices.addressFixProxy}</li>
                </ol>
              </div>
            )}
            <div class="qr" role="img" aria-label={t.devices.qrLabel(code)}>
              {raw(svg)}
            </div>
            <p>
              {t.devices.validUntil}: {formatTime(expiresAt, t)}
            </p>
            <p>
              {t.devices.address}: <code>{url}</code>
            </p>
            <p>
              <a href="/owner/devices">{t.devices.back}</a>
            </p>
          </>
        ),
      });
    })
    .get('/:id/revoke', async (c) => {
      const t = c.get('t');
      const device = await store.devices.get({ id: c.req.param('id') });
      if (!device || device.revokedAt) return renderPage(c, { title: t.devices.revokeTitle, section: 'devices', status: 404, message: { kind: 'error', text: t.devices.unknown }, body: null });
      return renderPage(c, {
        title: t.devices.revokeTitle,
        section: 'devices',
        body: (
          <form method="post" action={`/owner/devices/${encodeURIComponent(device.id)}/revoke`}>
            <p>
              <strong>{t.devices.revokeQuestion(device.name)}</strong>
            </p>
            <p>{t.devices.revokeExplain}</p>
            <button type="submit" class="danger">
              {t.devices.revokeConfirm}
            </button>{' '}
            <a href="/owner/devices">{t.devices.cancel}</a>
          </form>
        ),
      });
    })
    .post('/:id/revoke', async (c) => {
      const t = c.get('t');
      const id = c.req.param('id');
      if (!(await revokeDevice({ store, deviceId: id, now: now() }))) {
        return renderPage(c, { title: t.devices.revokeTitle, section: 'devices', status: 404, message: { kind: 'error', text: t.devices.unknown }, body: null });
      }
      return c.redirect(`/owner/devices?revoked=${encodeURIComponent(id)}`, 303);
    });
}
