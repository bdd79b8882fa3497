/** @jsxImportSource hono/jsx */
/**
 * /owner/api-keys: keys for the shop's own software to push orders. A new key is shown once, on the
 * page that answers its creation; revoking asks for confirmation first.
 */
import { Hono } from 'hono';
import { createApiKey, revokeApiKey } from '../api-keys/api-keys';
import type { Store } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import { formatTime } from './strings';

export function createApiKeysPages({ store, now }: { store: Store; now: () => Date }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>()
    .get('/', async (c) => {
      const t = c.get('t').apiKeys;
      const keys = await store.apiKeys.list();
      return renderPage(c, {
        title: t.title,
        section: 'apiKeys',
        body: (
          <>
            <p>{t.intro}</p>
            <form method="post" action="/owner/api-keys">
              <label for="name">{t.name}</label>
              <input id="name" name="name" required maxlength={80} autocomplete="off" />
              <button type="submit">{t.create}</button>
            </form>
            <section>
              <h2>{t.list}</h2>
              {keys.length === 0 ? (
                <p>{t.none}</p>
              ) : (
                <div class="scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t.name}</th>
                        <th scope="col">{t.created}</th>
                        <th scope="col">{t.status}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {keys.map((key) => (
                        <tr>
                          <td>{key.name}</td>
                          <td>{formatTime(key.createdAt, c.get('t'))}</td>
                          <td>
                            {key.revokedAt ? (
                              t.revokedAt(formatTime(key.revokedAt, c.get('t')))
                            ) : (
                              <>
                                {t.active} · <a href={`/owner/api-keys/${encodeURIComponent(key.id)}/revoke`}>{t.revoke}</a>
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
          </>
        ),
      });
    })
    .post('/', async (c) => {
      const t = c.get('t').apiKeys;
      const name = (await readForm(c))('name').trim();
      if (!name || name.length > 80) return renderPage(c, { title: t.title, section: 'apiKeys', status: 422, message: { kind: 'error', text: t.nameRequired }, body: <a href="/owner/api-keys">{t.back}</a> });
      const { key } = await createApiKey({ store, name, now: now() });
      return renderPage(c, {
        title: t.createdTitle,
        section: 'apiKeys',
        status: 201,
        body: (
          <>
            <p>{t.createdIntro}</p>
            <p>
              <strong>{name}</strong>
            </p>
            <p>
              <code id="api-key">{key}</code>
            </p>
            <p>
              <a href="/owner/api-keys">{t.back}</a>
            </p>
          </>
        ),
      });
    })
    .get('/:id/revoke', async (c) => {
      const t = c.get('t').apiKeys;
      const key = (await store.apiKeys.list()).find((k) => k.id === c.req.param('id') && !k.revokedAt);
      if (!key) return renderPage(c, { title: t.revokeTitle, section: 'apiKeys', status: 404, message: { kind: 'error', text: t.unknown }, body: null });
      return renderPage(c, {
        title: t.revokeTitle,
        section: 'apiKeys',
        body: (
          <form method="post" action={`/owner/api-keys/${encodeURIComponent(key.id)}/revoke`}>
            <p>
              <strong>{t.revokeQuestion(key.name)}</strong>
            </p>
            <p>{t.revokeExplain}</p>
            <button type="submit" class="danger">
              {t.revokeConfirm}
            </button>{' '}
            <a href="/owner/api-keys">{t.cancel}</a>
          </form>
        ),
      });
    })
    .post('/:id/revoke', async (c) => {
      const t = c.get('t').apiKeys;
      if (!(await revokeApiKey({ store, id: c.req.param('id'), now: now() }))) {
        return renderPage(c, { title: t.revokeTitle, section: 'apiKeys', status: 404, message: { kind: 'error', text: t.unknown }, body: null });
      }
      return c.redirect('/owner/api-keys', 303);
    });
}
