/**
 * Enrolling a tablet: the owner makes a code (text and QR), the tablet sends it once with a name,
 * and gets a device token of its own. Only SHA-256 hashes of codes and tokens are stored, so a
 * copy of the database lets no one enrol or sync.
 */
import type { Store } from '../store/store';
import { hashCode, randomId, randomToken, readableCode, sha256Hex } from '../secrets';

export const ENROLMENT_CODE_HOURS = 24;

/** Makes a new code, by default single-use and valid for 24 hours. Returns the code, shown once. */
export async function createEnrolmentCode({
  store,
  now,
  note = '',
  maxUses = 1,
  validForMs = ENROLMENT_CODE_HOURS * 3_600_000,
}: {
  store: Store;
  now: Date;
  note?: string;
  maxUses?: number;
  validForMs?: number;
}): Promise<{ code: string; expiresAt: string }> {
  const code = readableCode();
  const expiresAt = new Date(now.getTime() + validForMs).toISOString();
  await store.enrolment.createCode({ codeHash: hashCode(code), note, createdAt: now.toISOString(), expiresAt, maxUses, usedCount: 0 });
  return { code, expiresAt };
}

/** The address a QR code carries: the tablet app opens it and enrols with the code. */
export function enrolmentUrl({ origin, code }: { origin: string; code: string }): string {
  return `${origin}/?enrol=${encodeURIComponent(code)}`;
}

/** Uses the code once and enrols the device under a free name; null when the code is unknown, used up or expired. */
export async function enrolDevice({
  store,
  code,
  deviceName,
  now,
}: {
  store: Store;
  code: string;
  deviceName: string;
  now: Date;
}): Promise<{ deviceId: string; token: string; deviceName: string } | null> {
  const token = randomToken();
  const deviceId = randomId('tablet');
  const taken = (await store.devices.list()).filter((d) => !d.revokedAt).map((d) => d.name);
  const name = uniqueDeviceName({ name: deviceName, taken });
  const enrolled = await store.enrolment.redeem({
    codeHash: hashCode(code),
    now: now.toISOString(),
    device: { id: deviceId, name, tokenHash: sha256Hex(token), enrolledAt: now.toISOString() },
  });
  // The stored name goes back, so the tablet shows the name the owner sees in the device list.
  return enrolled ? { deviceId, token, deviceName: name } : null;
}

const MAX_DEVICE_NAME = 80;
const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('de') === b.trim().toLocaleLowerCase('de');

/**
 * The name as asked, or, when an active tablet has it already, with the next free number: every
 * tablet is "Tablet Theke 1" by default, and the owner must tell them apart ("Tablet Theke 2").
 * Revoked tablets do not count. At most 80 characters, like the name the tablet sends.
 */
export function uniqueDeviceName({ name, taken }: { name: string; taken: readonly string[] }): string {
  const wanted = name.trim();
  if (!taken.some((t) => sameName(t, wanted))) return wanted;
  const numbered = /^(.*\S)\s+(\d{1,6})$/.exec(wanted);
  const base = numbered ? numbered[1]! : wanted;
  for (let n = numbered ? Number(numbered[2]) + 1 : 2; ; n += 1) {
    const suffix = ` ${n}`;
    const candidate = `${base.slice(0, MAX_DEVICE_NAME - suffix.length).trimEnd()}${suffix}`;
    if (!taken.some((t) => sameName(t, candidate))) return candidate;
  }
}
