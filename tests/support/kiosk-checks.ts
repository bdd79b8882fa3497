/**
 * What a customer does in the kiosk beyond the happy path (edits a field, walks away, asks staff to
 * take over), and what a tester checks afterwards: still in the kiosk, back at the lock screen,
 * nothing of a previous customer left on screen, in the draft store or in the history.
 */
import { expect, type Page } from '@playwright/test';
import { DEMO_PIN } from './env';
import { confirmAndSave, goToStep, handTabletBack, readStore } from './actions';
import { signOnPad } from './sign';
import { SIGNATURE_STROKES } from '../fixtures/signature-strokes';

/** The demo seed's first order (Erika Mustermann); it is open until someone signs it. */
export const ERIKA = { orderId: 'demo-order-1', name: 'Erika Mustermann', street: 'Heidestraße 17', email: 'erika.mustermann@example.com' };
/** The demo seed's second order (Max Mustermann). */
export const MAX = { orderId: 'demo-order-2', name: 'Max Mustermann' };

export type ContactLabel = 'Name' | 'Straße und Hausnummer' | 'Postleitzahl' | 'Ort' | 'E-Mail' | 'Mobilnummer';
export type ChannelName = 'Brief' | 'E-Mail' | 'SMS';
export const CHANNEL_NAMES: readonly ChannelName[] = ['Brief', 'E-Mail', 'SMS'];

export interface KioskDraft {
  orderId: string;
  step: string;
  language: string;
  contact: { name: string; street: string; postalCode: string; city: string; email: string; mobile: string };
  mobileInput: string;
  choices: { letter: boolean; email: boolean; sms: boolean };
  health: boolean;
  signature: { strokes: unknown[]; png: string } | null;
}

const kiosk = (page: Page) => page.getByTestId('kiosk');

/** The customer corrects one of the contact fields (on the contact step). */
export async function customerTypesInto(page: Page, label: ContactLabel, value: string): Promise<void> {
  await kiosk(page).getByLabel(label, { exact: true }).fill(value);
}

export async function customerTurnsOn(page: Page, channel: ChannelName): Promise<void> {
  const toggle = page.getByRole('switch', { name: channel });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
}

/** Checks each channel switch against the expected state; channels not named must be off. */
export async function expectSwitches(page: Page, on: readonly ChannelName[] = []): Promise<void> {
  for (const name of CHANNEL_NAMES) {
    await expect(page.getByRole('switch', { name })).toHaveAttribute('aria-checked', on.includes(name) ? 'true' : 'false');
  }
}

/** The kiosk is on screen at this step, and nothing of staff mode is: no lock button, no order list. */
export async function expectInKiosk(page: Page, step: string): Promise<void> {
  await expect(kiosk(page)).toBeVisible();
  await expect(kiosk(page)).toHaveAttribute('data-step', step);
  await expectNoStaffScreen(page);
}

export async function expectNoStaffScreen(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sperren', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'An Kunden übergeben' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Neuer Auftrag' })).toHaveCount(0);
  await expect(page.getByText('Offene Aufträge')).toHaveCount(0);
}

/** The idle lock screen: only the way in for staff, and no kiosk behind it. */
export async function expectLockScreen(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Entsperren' })).toBeVisible();
  await expect(kiosk(page)).toHaveCount(0);
  await expectNoStaffScreen(page);
}

/** The customer (or a colleague) taps "Personal" in the kiosk header and types a PIN. */
export async function askForStaffWithPin(page: Page, pin: string): Promise<void> {
  await kiosk(page).getByRole('button', { name: 'Personal' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('PIN', { exact: true }).fill(pin);
  await dialog.getByRole('button', { name: 'Entsperren' }).click();
}

/** Staff take the tablet back mid-draft: PIN, then "Verwerfen"; staff mode follows. */
export async function staffTakeOverAndDiscard(page: Page, pin = DEMO_PIN): Promise<void> {
  await askForStaffWithPin(page, pin);
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Eingaben dieses Kunden verwerfen?' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(page.getByRole('button', { name: 'Sperren', exact: true })).toBeVisible();
}

/** The draft of the customer at the tablet, as stored in IndexedDB (undefined when there is none). */
export async function storedDraft(page: Page): Promise<KioskDraft | undefined> {
  const rows = await readStore<{ key: string; session: KioskDraft }>(page, 'kiosk');
  return rows.find((row) => row.key === 'current')?.session;
}

/** Waits until the kiosk has written the draft as it stands (typing is saved after a short pause). */
export async function expectDraftSaved(page: Page, check: (draft: KioskDraft) => boolean): Promise<void> {
  await expect.poll(async () => {
    const draft = await storedDraft(page);
    return draft !== undefined && check(draft);
  }).toBe(true);
}

/** The status of an example order; each test's copy carries a suffix (see putExampleOrdersOnTablet). */
export async function orderStatus(page: Page, orderId: string): Promise<string | undefined> {
  const rows = await readStore<{ id: string; status: string }>(page, 'orders');
  return rows.find((row) => row.id === orderId || row.id.startsWith(`${orderId}-`))?.status;
}

/** How many pixels of the signature canvas carry ink (any non-transparent pixel). */
export async function inkOnPad(page: Page): Promise<number> {
  const pad = page.getByTestId('signature-pad');
  await expect(pad).toBeVisible();
  return pad.evaluate((canvas: HTMLCanvasElement) => {
    if (canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
    return inked;
  });
}

/** Waits until the pad shows ink (it is drawn after layout), and returns how much. */
export async function expectInkOnPad(page: Page): Promise<void> {
  await expect.poll(() => inkOnPad(page)).toBeGreaterThan(500);
}

/**
 * Everything a person could read or a script could pick up from the page: the visible text, every
 * field's value, every image's address, labels and titles, and the page's address.
 */
export async function everythingOnThePage(page: Page): Promise<string> {
  return page.evaluate(() => {
    const fields = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((field) => field.value);
    const images = [...document.querySelectorAll('img')].map((img) => img.src);
    const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder'].map((name) => el.getAttribute(name) ?? ''),
    );
    return [document.body.innerText, document.title, location.href, ...fields, ...images, ...attributes].join('\n');
  });
}

/** None of the given values is anywhere on the page (see everythingOnThePage). */
export async function expectPageShowsNoneOf(page: Page, secrets: readonly string[]): Promise<void> {
  const seen = await everythingOnThePage(page);
  for (const secret of secrets) expect(seen, `the page still shows "${secret}"`).not.toContain(secret);
}

/** Every entry of the tab's history, through DevTools: its address and title. */
export async function historyEntries(page: Page): Promise<Array<{ url: string; title: string }>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { entries } = (await cdp.send('Page.getNavigationHistory')) as { entries: Array<{ url: string; title: string }> };
    return entries.map(({ url, title }) => ({ url, title }));
  } finally {
    await cdp.detach();
  }
}

/** The inactivity warning, with the seconds it says are left. */
export async function idleWarningSecondsLeft(page: Page): Promise<number> {
  const warning = page.getByRole('alertdialog', { name: 'Sind Sie noch da?' });
  await expect(warning).toBeVisible();
  const text = (await warning.textContent()) ?? '';
  const match = /Ihre Eingaben werden in (\d+) Sekunden? gelöscht/.exec(text);
  if (!match) throw new Error(`the inactivity warning has no countdown: "${text}"`);
  return Number(match[1]);
}

/** The customer touches the screen somewhere harmless (the step's heading): activity, nothing more. */
export async function customerTouchesTheScreen(page: Page): Promise<void> {
  await kiosk(page).getByRole('heading', { level: 1 }).click();
}

/** Nobody touches the tablet for this long (the page clock must be installed). */
export async function nobodyTouchesTheTabletFor(page: Page, ms: number): Promise<void> {
  await page.clock.fastForward(ms);
}

/** The customer presses the browser's back button; there must be an entry to go back to. */
export async function customerPressesBack(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { currentIndex } = (await cdp.send('Page.getNavigationHistory')) as { currentIndex: number };
  await cdp.detach();
  expect(currentIndex, 'the browser has no page to go back to, so pressing Back would prove nothing').toBeGreaterThan(0);
  await page.goBack();
}

/**
 * The next customer, handed a fresh draft, goes through every step up to the signature and finds
 * nothing of the one before: none of the given values anywhere on the page, every switch off, the
 * health question unanswered ("Nein"), an empty pad, and German again.
 */
export async function nextCustomerFindsNothingOf(page: Page, secrets: readonly string[]): Promise<void> {
  const k = kiosk(page);
  await expect(k).toHaveAttribute('data-step', 'summary');
  await expect(k).toHaveAttribute('lang', 'de');
  await expect(k.getByRole('heading', { level: 1 })).toHaveText('Ihr Auftrag');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const draft = await storedDraft(page);
  expect(draft, 'the next customer starts with a fresh draft').toMatchObject({
    step: 'summary',
    language: 'de',
    choices: { letter: false, email: false, sms: false },
    health: false,
    signature: null,
  });
  for (const step of ['summary', 'notice', 'contact', 'channels', 'health', 'signature']) {
    if (step !== 'summary') await k.getByRole('button', { name: 'Weiter' }).click();
    await expect(k).toHaveAttribute('data-step', step);
    await expectPageShowsNoneOf(page, secrets);
    if (step === 'contact') await expect(k.locator('[aria-invalid="true"]')).toHaveCount(0);
    if (step === 'channels') await expectSwitches(page, []);
    if (step === 'health') {
      await expect(k.getByRole('radio', { name: 'Nein' })).toBeChecked();
      await expect(k.getByRole('radio', { name: 'Ja, ich willige ein' })).not.toBeChecked();
    }
  }
  expect(await inkOnPad(page), 'the signature pad of the next customer is empty').toBe(0);
  await expect(page.locator('#signature-error')).toHaveText('');
  expect((await storedDraft(page))?.signature).toBeNull();
}

/**
 * The customer taps "Weiter" until the given step shows, waiting for each step to change before
 * tapping again (some steps check their input first, so the step changes a moment after the tap).
 */
export async function customerGoesOnTo(page: Page, step: string): Promise<void> {
  const k = kiosk(page);
  for (let i = 0; i < 10; i++) {
    const current = await k.getAttribute('data-step');
    if (current === step) return;
    await k.getByRole('button', { name: 'Weiter' }).click();
    await expect(k).not.toHaveAttribute('data-step', current ?? '');
  }
  await expect(k).toHaveAttribute('data-step', step);
}

/** On the confirm step: the answer shown for a channel ("Ja" or "Nein"). */
export async function expectConfirmedChoice(page: Page, channel: ChannelName, answer: 'Ja' | 'Nein'): Promise<void> {
  const row = kiosk(page).locator('.kiosk-review-row').filter({ hasText: `Werbung per ${channel}` });
  await expect(row.locator('dd strong')).toHaveText(answer);
}

/**
 * The customer signs with the recorded signature, replayed with every sixth point (20 Hz
 * instead of 120 Hz): the same strokes and pressures, but each replayed point costs a DevTools
 * round trip of one frame or more, so the full fixture (596 points) takes 11 s or more, and
 * these tests need the time for other things.
 */
export async function customerSigns(page: Page): Promise<void> {
  const strokes = SIGNATURE_STROKES.map((stroke) => stroke.filter((_, i) => i % 6 === 0 || i === stroke.length - 1));
  await signOnPad(page, page.getByTestId('signature-pad'), { strokes });
  await expectInkOnPad(page);
}

/** From where the customer is: on to the signature, signs, confirms, and hands the tablet back. */
export async function customerSignsConfirmsAndHandsBack(page: Page): Promise<void> {
  await goToStep(page, 'signature');
  await customerSigns(page);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.getByTestId('kiosk')).toHaveAttribute('data-step', 'confirm');
  await confirmAndSave(page);
  await handTabletBack(page);
}

/** The customer taps "Zurück" until the given step shows. */
export async function customerGoesBackTo(page: Page, step: string): Promise<void> {
  const k = kiosk(page);
  for (let i = 0; i < 10; i++) {
    const current = await k.getAttribute('data-step');
    if (current === step) return;
    await k.getByRole('button', { name: 'Zurück' }).click();
    await expect(k).not.toHaveAttribute('data-step', current ?? '');
  }
  await expect(k).toHaveAttribute('data-step', step);
}

/** Waits until the draft holds every stroke of the recorded signature (strokes are saved after a short pause). */
export async function expectSignatureSavedWhole(page: Page): Promise<void> {
  await expectDraftSaved(page, (d) => d.signature?.strokes.length === SIGNATURE_STROKES.length);
}

/**
 * The browser is closed mid-customer and opened again this much later: the draft's stored times are
 * moved back by that much (as the clock would have moved on while nothing ran), then the app starts
 * anew. Nothing of the app runs while the draft is changed, so nothing writes over it.
 */
export async function browserReopenedAfter(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('countersign');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('kiosk', 'readwrite');
          const store = tx.objectStore('kiosk');
          const get = store.get('current');
          get.onsuccess = () => {
            const row = get.result as { session: { startedAt: string; lastActivityAt?: string } } | undefined;
            if (!row) return reject(new Error('there is no kiosk draft to leave'));
            const earlier = (iso: string) => new Date(Date.parse(iso) - ms).toISOString();
            row.session.startedAt = earlier(row.session.startedAt);
            if (row.session.lastActivityAt) row.session.lastActivityAt = earlier(row.session.lastActivityAt);
            store.put(row);
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    ms,
  );
  await page.reload();
}
