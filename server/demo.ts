/**
 * The demo shop that `npm start` offers, so that a newcomer can sign at once: "Optik Demo" with one
 * staff member and two example orders (demo-seed.ts puts them into the database). The staff PIN and
 * the demo enrolment code are random, made once and kept in the data folder (demo.json, mode 0600),
 * so they stay the same across restarts; DEMO_PIN and DEMO_ENROL_CODE fix them instead (the tests
 * do). The seed itself carries only the PIN's PBKDF2 hash and salt, made exactly as the tablet
 * makes them (src/data/pin.ts).
 */
import { pbkdf2, randomBytes, randomInt } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as v from 'valibot';
import { defaultTexts } from '../shared/default-texts';
import { orderTotal, type LineItem } from '../shared/record';
import { PIN_HASH, PIN_PATTERN, type DemoSeed, type PendingOrder, type ShopConfig, type StaffMember } from '../shared/shop';
import { readableCode } from './secrets';

export const DEMO_FILE = 'demo.json';
/** The demo shop's id: a database whose shop has another one holds a real shop. */
export const DEMO_SHOP_ID = 'optik-demo';

const DemoFileSchema = v.object({
  pin: v.pipe(v.string(), v.regex(PIN_PATTERN)),
  salt: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
  /** Older demo.json files have none; one is made then. */
  enrolCode: v.optional(v.pipe(v.string(), v.regex(/^[A-Z0-9-]{8,40}$/))),
});

export interface DemoShop {
  pin: string;
  staff: StaffMember;
  /** The reusable demo enrolment code (demo-seed.ts keeps it valid in the database). */
  enrolCode: string;
}

const pbkdf2Async = promisify(pbkdf2);

/** PBKDF2-SHA-256 of the PIN as hex, with PIN_HASH's parameters: the same bytes as WebCrypto on the tablet. */
export async function hashStaffPin({ pin, salt }: { pin: string; salt: string }): Promise<string> {
  const key = await pbkdf2Async(Buffer.from(pin, 'utf8'), Buffer.from(salt, 'hex'), PIN_HASH.iterations, PIN_HASH.bytes, 'sha256');
  return key.toString('hex');
}

/**
 * Reads the demo PIN and enrolment code from the data folder, or makes them (or takes `pin` and
 * `enrolCode`) and keeps them there.
 */
export async function prepareDemoShop({
  dataDir,
  pin,
  enrolCode,
}: {
  dataDir: string;
  pin?: string | null;
  enrolCode?: string | null;
}): Promise<DemoShop> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, DEMO_FILE);
  const read = await readDemoFile(file);
  let stored = read;
  if (!stored || (pin && stored.pin !== pin)) {
    stored = { pin: pin ?? String(randomInt(0, 1_000_000)).padStart(6, '0'), salt: randomBytes(16).toString('hex'), enrolCode: stored?.enrolCode };
  }
  const code = enrolCode ? enrolCode.trim().toUpperCase().replace(/\s+/g, '-') : (stored.enrolCode ?? readableCode());
  stored = { ...stored, enrolCode: code };
  if (stored !== read && JSON.stringify(stored) !== JSON.stringify(read)) {
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, file);
  }
  await chmod(file, 0o600);
  const pinHash = await hashStaffPin(stored);
  return { pin: stored.pin, staff: { id: 'demo', name: 'Demo', salt: stored.salt, pinHash }, enrolCode: code };
}

async function readDemoFile(file: string): Promise<v.InferOutput<typeof DemoFileSchema> | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = v.safeParse(DemoFileSchema, JSON.parse(text));
    if (parsed.success) return parsed.output;
  } catch {
    // unreadable JSON: made anew below
  }
  console.warn(`countersign: ${file} is damaged; making a new demo PIN.`);
  return null;
}

const SHOP_DETAILS = {
  name: 'Optik Demo',
  street: 'Weender Straße 42',
  postalCode: '37073',
  city: 'Göttingen',
  controller: { name: 'Optik Demo GmbH, vertreten durch Anna Beispiel', email: 'datenschutz@optik-demo.example', phone: '+49 551 1234567' },
  dpo: null,
} satisfies Omit<ShopConfig, 'id' | 'texts' | 'askHealth' | 'inactivitySeconds'>;

/** The whole demo seed, with pickup dates a few days after `now`. */
export function buildDemoSeed({ staff, now = new Date() }: { staff: StaffMember; now?: Date }): DemoSeed {
  const shop: ShopConfig = {
    id: DEMO_SHOP_ID,
    ...SHOP_DETAILS,
    texts: defaultTexts(SHOP_DETAILS),
    askHealth: true,
    inactivitySeconds: 90,
  };
  const orders = [
    demoOrder({
      now,
      n: 1,
      minutesAgo: 20,
      pickupInDays: 5,
      depositCents: 200_00,
      items: [
        { description: 'Gleitsichtgläser, entspiegelt', quantity: 2, unitPriceCents: 289_00 },
        { description: 'Fassung Titan „Aurora“', quantity: 1, unitPriceCents: 149_00 },
      ],
      customer: {
        name: 'Erika Mustermann',
        street: 'Heidestraße 17',
        postalCode: '37083',
        city: 'Göttingen',
        email: 'erika.mustermann@example.com',
        mobile: '+491701234567',
      },
    }),
    demoOrder({
      now,
      n: 2,
      minutesAgo: 5,
      pickupInDays: 3,
      depositCents: 50_00,
      items: [
        { description: 'Einstärkengläser, entspiegelt', quantity: 2, unitPriceCents: 69_00 },
        { description: 'Fassung Acetat „Nordlicht“', quantity: 1, unitPriceCents: 89_00 },
      ],
      customer: {
        name: 'Max Mustermann',
        street: 'Lange Geismarstraße 8',
        postalCode: '37073',
        city: 'Göttingen',
        email: '',
        mobile: '+491761234567',
      },
    }),
  ];
  return { shop, staff: [staff], orders };
}

function demoOrder(o: {
  now: Date;
  n: number;
  minutesAgo: number;
  pickupInDays: number;
  depositCents: number;
  items: LineItem[];
  customer: PendingOrder['customer'];
}): PendingOrder {
  const pickup = new Date(o.now.getFullYear(), o.now.getMonth(), o.now.getDate() + o.pickupInDays);
  return {
    order: {
      id: `demo-order-${o.n}`,
      number: `DEMO-${String(o.n).padStart(4, '0')}`,
      items: o.items,
      totalCents: orderTotal(o.items),
      depositCents: o.depositCents,
      currency: 'EUR',
      pickupDate: `${pickup.getFullYear()}-${pad(pickup.getMonth() + 1)}-${pad(pickup.getDate())}`,
    },
    customer: o.customer,
    createdAt: new Date(o.now.getTime() - o.minutesAgo * 60_000).toISOString(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
