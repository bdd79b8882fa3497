/** @jsxImportSource hono/jsx */
/**
 * The consent parts of the owner's customer page: each topic's current state (the three marketing
 * channels, and the health-data consent of Art. 9 as a row of its own), the whole ledger, and the
 * owner's forms to record a withdrawal or objection. Health is only ever withdrawn, in a form of
 * its own, never among the marketing channels.
 */
import { CHANNELS } from '../../shared/channels';
import type { ConsentState, ConsentTopic } from '../../shared/consent';
import { formatMobile } from '../../shared/phone';
import type { ConsentEventRow } from '../store/store';
import { formatTime, type OwnerText } from './strings';

const MAX_NOTE = 500;

/** A topic's name in the owner's language. */
export const topicLabel = (topic: ConsentTopic, t: OwnerText): string => (topic === 'health' ? t.healthConsent.topic : t.channels[topic]);

/** The current state table; the health row only where the shop asks the question or the customer has a history of it. */
export function ConsentStates({ states, showHealth, t }: { states: Record<ConsentTopic, ConsentState>; showHealth: boolean; t: OwnerText }) {
  return (
    <>
      <table id="states">
        <thead>
          <tr><th scope="col">{t.customers.channel}</th><th scope="col">{t.customers.state}</th></tr>
        </thead>
        <tbody>
          {CHANNELS.map((channel) => (
            <tr data-channel={channel}><th scope="row">{t.channels[channel]}</th><td>{t.states[states[channel]]}</td></tr>
          ))}
        </tbody>
        {showHealth && (
          <tbody class="topic-health">
            <tr data-channel="health"><th scope="row">{t.healthConsent.topic}</th><td>{t.states[states.health]}</td></tr>
          </tbody>
        )}
      </table>
      {states.health === 'withdrawn' && <p id="health-hint" class="message">{t.healthConsent.withdrawnHint}</p>}
    </>
  );
}

export function ConsentLedger({ history, orderNumbers, t }: { history: ConsentEventRow[]; orderNumbers: ReadonlyMap<string, string>; t: OwnerText }) {
  if (history.length === 0) return <p>{t.customers.ledgerNone}</p>;
  const headers = [t.customers.time, t.customers.channel, t.customers.action, t.customers.route, t.customers.record, t.customers.notice, t.customers.text, t.customers.contactValue, t.customers.note];
  return (
    <div class="scroll">
      <table id="ledger">
        <thead>
          <tr>{headers.map((h) => <th scope="col">{h}</th>)}</tr>
        </thead>
        <tbody>
          {history.map((e) => (
            <tr data-channel={e.channel}>
              <td class="time">{formatTime(e.at, t)}</td>
              <td>{topicLabel(e.channel, t)}</td>
              <td>{t.actions[e.action]}</td>
              <td>{t.routes[e.route]}</td>
              <td>{e.recordId ? (orderNumbers.get(e.recordId) ?? <span class="mono">{e.recordId}</span>) : '—'}</td>
              <td>{e.noticeVersion ?? '—'}</td>
              <td>{e.textVersion ?? '—'}</td>
              <td class="wrap">{e.contact ? (e.channel === 'sms' ? formatMobile(e.contact) : e.contact) : '—'}</td>
              <td class="wrap">{e.note || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The owner's withdrawal or objection for a marketing channel, and, while it is active, the withdrawal of the health consent. */
export function OwnerConsentForms({ action, states, t }: { action: string; states: Record<ConsentTopic, ConsentState>; t: OwnerText }) {
  return (
    <>
      <section>
        <h2>{t.customers.ownerEvent}</h2>
        <p>{t.customers.ownerEventIntro}</p>
        <form method="post" action={action}>
          <label for="channel">{t.customers.channel}</label>
          <select id="channel" name="channel" required>
            {CHANNELS.map((channel) => <option value={channel}>{t.channels[channel]} – {t.states[states[channel]]}</option>)}
          </select>
          <fieldset>
            <legend>{t.customers.ownerAction}</legend>
            <label><input type="radio" name="action" value="withdrawn" checked /> {t.customers.ownerWithdraw}</label>
            <label><input type="radio" name="action" value="objected" /> {t.customers.ownerObject}</label>
          </fieldset>
          <label for="note">{t.customers.ownerNote}</label>
          <input id="note" name="note" maxlength={MAX_NOTE} autocomplete="off" />
          <button type="submit">{t.customers.ownerSubmit}</button>
        </form>
      </section>
      {states.health === 'active' && (
        <section id="health-withdrawal">
          <h2>{t.healthConsent.formTitle}</h2>
          <p>{t.healthConsent.formIntro}</p>
          <form method="post" action={action}>
            <input type="hidden" name="channel" value="health" />
            <input type="hidden" name="action" value="withdrawn" />
            <label for="health-note">{t.customers.ownerNote}</label>
            <input id="health-note" name="note" maxlength={MAX_NOTE} autocomplete="off" />
            <button type="submit">{t.healthConsent.submit}</button>
          </form>
        </section>
      )}
    </>
  );
}
