/**
 * The mail tests' bench: a test app with a shop, a tablet that uploads records whose customer
 * granted the channels asked for, and a mailer over a transport of the test's choosing.
 */
import Database from 'better-sqlite3';
import type { Channel, Language } from '../../shared/channels';
import { postalAddress, type SignedRecord } from '../../shared/record';
import { fixtureRecord, fixtureShop } from '../../shared/record.fixture';
import { textRef } from '../../shared/shop';
import { enrolTablet, makeTestApp, newRecord, uploadRecords, type TestApp } from '../test-app';
import { createMailer, type Mailer, type MailerOptions } from './mailer';
import type { MailSettings } from './mail-settings';
import type { MailTransport } from './mail-transport';

export const LINK_BASE = 'https://kasse.optik-beispiel.example';
export const SHOP = fixtureShop();

/** A new record (new id) in this language, granting exactly these channels. */
export function recordGranting(channels: readonly Channel[], { language = 'de', email }: { language?: Language; email?: string } = {}): SignedRecord {
  const base = fixtureRecord();
  const customer = { ...base.customer, ...(email !== undefined ? { email } : {}) };
  return newRecord({
    language,
    customer,
    shown: {
      notice: textRef(SHOP.texts.notice, language),
      letter: textRef(SHOP.texts.letter, language),
      email: textRef(SHOP.texts.email, language),
      sms: textRef(SHOP.texts.sms, language),
      health: textRef(SHOP.texts.health, language),
    },
    choices: {
      letter: { granted: channels.includes('letter'), contact: postalAddress(customer) },
      email: { granted: channels.includes('email'), contact: customer.email },
      sms: { granted: channels.includes('sms'), contact: customer.mobile },
    },
  });
}

export interface MailBench extends TestApp {
  upload(...records: SignedRecord[]): Promise<void>;
  mailer(transport: MailTransport, settings?: Partial<MailSettings>, options?: Pick<MailerOptions, 'quietMs' | 'maxDeferMs'>): Mailer;
  /** Rows of a table, read through a connection of its own. */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): T[];
}

export async function makeMailBench(): Promise<MailBench> {
  const t = await makeTestApp({ shop: SHOP });
  const tablet = await enrolTablet(t);
  return {
    ...t,
    async upload(...records) {
      const res = await uploadRecords(t, tablet.token, records);
      if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    },
    mailer: (transport, settings = {}, options = {}) =>
      createMailer({
        ...options,
        store: t.store,
        transport,
        settings: { smtpUrl: null, from: null, dir: null, ...settings },
        linkBase: () => LINK_BASE,
        now: () => t.clock.now,
        log: () => undefined,
      }),
    rows(sql, ...params) {
      const db = new Database(t.file, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as never;
      } finally {
        db.close();
      }
    },
  };
}
