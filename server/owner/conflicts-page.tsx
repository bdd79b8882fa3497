/** @jsxImportSource hono/jsx */
/** GET /owner/conflicts: records that arrived again under the same id with another hash, both versions side by side. */
import { Hono } from 'hono';
import type { Store } from '../store/store';
import { renderPage, type OwnerEnv } from './layout';
import { formatTime } from './strings';

export function createConflictsPage({ store }: { store: Store }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>().get('/', async (c) => {
    const t = c.get('t');
    const conflicts = await store.records.conflicts({ limit: 200 });
    return renderPage(c, {
      title: t.conflicts.title,
      section: 'conflicts',
      body: (
        <>
          <p>{t.conflicts.intro}</p>
          {conflicts.length === 0 ? (
            <p>{t.conflicts.none}</p>
          ) : (
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t.conflicts.record}</th>
                    <th scope="col">{t.conflicts.stored}</th>
                    <th scope="col">{t.conflicts.other}</th>
                  </tr>
                </thead>
                <tbody>
                  {conflicts.map((conflict) => (
                    <tr>
                      <td class="mono">{conflict.recordId}</td>
                      {[conflict.stored, conflict.other].map((version) => (
                        <td>
                          {t.conflicts.hash}: <span class="mono">{version.hash}</span>
                          <br />
                          {t.conflicts.device}: {version.deviceName}
                          <br />
                          {t.conflicts.received}: {formatTime(version.receivedAt, t)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ),
    });
  });
}
