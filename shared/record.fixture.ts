/**
 * A valid, sealed record for tests on every side (tablet, server). Override any part through the
 * options; the result is re-sealed, so its hash always matches its contents.
 */
import { defaultTexts } from './default-texts';
import { postalAddress, sealRecord, type SignedRecord, type UnsignedRecord } from './record';
import { textRef, type ShopConfig } from './shop';

// 1×1 transparent PNG.
export const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export function fixtureShop(overrides: Partial<ShopConfig> = {}): ShopConfig {
  const details = {
    name: 'Optik Beispiel',
    street: 'Hauptstraße 1',
    postalCode: '10115',
    city: 'Berlin',
    controller: { name: 'Maria Beispiel', email: 'datenschutz@optik-beispiel.de', phone: '+49 30 1234567' },
    dpo: null,
  };
  return { id: 'shop-1', ...details, texts: defaultTexts(details), askHealth: true, inactivitySeconds: 90, ...overrides };
}

export function fixtureRecord(overrides: Partial<UnsignedRecord> = {}): SignedRecord {
  const shop = fixtureShop();
  const customer = {
    name: 'Jürgen Groß',
    street: 'Lindenallee 5',
    postalCode: '50667',
    city: 'Köln',
    email: 'juergen.gross@example.com',
    mobile: '+491701234567',
  };
  const unsigned: UnsignedRecord = {
    schemaVersion: 1,
    id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    signedAt: '2026-11-29T10:15:30.123Z',
    timeZone: 'Europe/Berlin',
    language: 'de',
    shop: { id: shop.id, name: shop.name },
    order: {
      id: 'order-1',
      number: '2026-1129-001',
      items: [
        { description: 'Gleitsichtgläser, entspiegelt', quantity: 2, unitPriceCents: 24950 },
        { description: 'Fassung „Tönnies“', quantity: 1, unitPriceCents: 12900 },
      ],
      totalCents: 62800,
      depositCents: 20000,
      currency: 'EUR',
      pickupDate: '2026-12-04',
    },
    customer,
    shown: {
      notice: textRef(shop.texts.notice, 'de'),
      letter: textRef(shop.texts.letter, 'de'),
      email: textRef(shop.texts.email, 'de'),
      sms: textRef(shop.texts.sms, 'de'),
      health: textRef(shop.texts.health, 'de'),
    },
    choices: {
      letter: { granted: false, contact: postalAddress(customer) },
      email: { granted: true, contact: customer.email },
      sms: { granted: false, contact: customer.mobile },
    },
    health: { granted: false },
    capture: { deviceId: 'tablet-0001', staffId: 'staff-1', appVersion: '0.1.0', userAgent: 'vitest' },
    signature: {
      width: 600,
      height: 240,
      strokes: [
        {
          points: [
            { x: 10.5, y: 100.25, time: 1000, pressure: 0.5 },
            { x: 60.75, y: 120.5, time: 1016, pressure: 0.62 },
            { x: 140, y: 90.125, time: 1033, pressure: 0.7 },
            { x: 220.33, y: 130.66, time: 1050, pressure: 0.55 },
          ],
        },
      ],
      png: TINY_PNG,
    },
    ...overrides,
  };
  return sealRecord(unsigned);
}
