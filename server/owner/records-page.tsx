/** @jsxImportSource hono/jsx */
/** GET /owner/records: how many records arrived, and the last 20. A customer search comes later. */
import { Hono } from 'hono';
import type { RecordSummary, Store } from '../store/store';
import { renderPage, type OwnerEnv } from './layout';
import { formatTime, type OwnerText } from './strings';

/**
 * The "Gerät" cell: the name of the tablet that uploaded a record, and the device id inside the
 * record when it differs: a tablet that signed before its enrolment keeps its local id there, so
 * a difference is shown, not refused.
 */
export function RecordDevice({ record, t }: { record: Pick<RecordSummary, 'deviceId' | 'deviceName' | 'captureDeviceId'>; t: OwnerText }) {
  const elsewhere = record.captureDeviceId !== null && record.captureDeviceId !== record.deviceId;
  return (
    <>
      {record.deviceName}
      {elsewhere && (
        <>
          <br />
          <small class="capture-note" title={t.records.capturedElsewhereWhy}>
            {t.records.capturedElsewhere(record.captureDeviceId!)}
          </small>
        </>
      )}
    </>
  );
}

/** The order number the shop uses (as on the receipt), read from the stored body; the order id when it has none. */
export async function orderNumberOf(store: Store, record: Pick<RecordSummary, 'id' | 'orderId'>): Promise<string> {
  const body = await store.records.body({ id: record.id });
  const number = body ? (JSON.parse(body) as { order?: { number?: unknown } }).order?.number : undefined;
  return typeof number === 'string' && number !== '' ? number : record.orderId;
}

export function createRecordsPage({ store }: { store: Store }): Hono<OwnerEnv> {
  return new Hono<OwnerEnv>().get('/', async (c) => {
    const t = c.get('t');
    const [count, recent] = await Promise.all([store.records.count(), store.records.recent({ limit: 20 })]);
    const numbers = await Promise.all(recent.map((r) => orderNumberOf(store, r)));
    return renderPage(c, {
      title: t.records.title,
      section: 'records',
      body: (
        <>
          <p id="record-count">{t.records.count(count)}</p>
          {recent.length === 0 ? (
            <p>{t.records.none}</p>
          ) : (
            <section>
              <h2>{t.records.latest}</h2>
              <div class="scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t.records.id}</th>
                      <th scope="col">{t.records.received}</th>
                      <th scope="col">{t.records.signed}</th>
                      <th scope="col">{t.records.device}</th>
                      <th scope="col">{t.records.order}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {recent.map((r, i) => (
                      <tr>
                        <td class="mono">{r.id}</td>
                        <td>{formatTime(r.receivedAt, t)}</td>
                        <td>{formatTime(r.signedAt, t)}</td>
                        <td><RecordDevice record={r} t={t} /></td>
                        <td>{numbers[i]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
          <p>
            <small>{t.records.searchLater}</small>
          </p>
        </>
      ),
    });
  });
}
