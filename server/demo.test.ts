import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { DemoSeedSchema } from '../shared/shop';
import { hashPin } from '../src/data/pin';
import { buildDemoSeed, DEMO_FILE, hashStaffPin, prepareDemoShop } from './demo';
import { tempDir } from './test-site';

describe('hashStaffPin', () => {
  it('gives the same hash as the tablet (WebCrypto) for the same PIN and salt', async () => {
    expect(globalThis.crypto?.subtle).toBeDefined();
    for (const [pin, salt] of [
      ['123456', '00112233445566778899aabbccddeeff'],
      ['0000', 'ffffffffffffffffffffffffffffffff'],
      ['98765432', '0f1e2d3c4b5a69788796a5b4c3d2e1f0'],
    ] as const) {
      const node = await hashStaffPin({ pin, salt });
      expect(node).toMatch(/^[0-9a-f]{64}$/);
      expect(node).toBe(await hashPin(pin, salt));
    }
  });
});

describe('prepareDemoShop', () => {
  it('makes a random six-digit PIN once and keeps it (mode 0600)', async () => {
    const dataDir = await tempDir();
    const first = await prepareDemoShop({ dataDir });
    expect(first.pin).toMatch(/^\d{6}$/);
    expect(first.staff).toMatchObject({ id: 'demo', name: 'Demo' });
    expect(first.staff.pinHash).toBe(await hashPin(first.pin, first.staff.salt));
    const file = join(dataDir, DEMO_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const again = await prepareDemoShop({ dataDir });
    expect(again).toEqual(first);
  });

  it('takes DEMO_PIN instead when given', async () => {
    const dataDir = await tempDir();
    await prepareDemoShop({ dataDir });
    const fixed = await prepareDemoShop({ dataDir, pin: '246810' });
    expect(fixed.pin).toBe('246810');
    expect(fixed.staff.pinHash).toBe(await hashPin('246810', fixed.staff.salt));
    expect(JSON.parse(await readFile(join(dataDir, DEMO_FILE), 'utf8')).pin).toBe('246810');
  });
});

describe('buildDemoSeed', () => {
  it('is a valid DemoSeed with no PIN in it', async () => {
    const { pin, staff } = await prepareDemoShop({ dataDir: await tempDir() });
    const seed = buildDemoSeed({ staff, now: new Date('2026-11-29T10:00:00Z') });
    const parsed = v.safeParse(DemoSeedSchema, seed);
    expect(parsed.issues).toBeUndefined();
    expect(JSON.stringify(seed)).not.toContain(`"${pin}"`);
    expect(seed.shop).toMatchObject({ name: 'Optik Demo', askHealth: true, inactivitySeconds: 90 });
    expect(seed.orders).toHaveLength(2);
    expect(seed.orders[0]!.customer).toMatchObject({ name: 'Erika Mustermann', email: 'erika.mustermann@example.com', mobile: '+491701234567' });
    for (const { order } of seed.orders) expect(order.pickupDate > '2026-11-29').toBe(true);
  });
});
