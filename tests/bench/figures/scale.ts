/**
 * Figure 6: a tablet with 100,000 stored records (lab.seedScale: years of records, the older ones
 * synced and minimised, the last days whole, today's waiting). In the real app, in staff mode:
 * the time from the tap on the "Heute" tab until its record list is painted, and from the tap on
 * "Tagesabschluss" until its counts are painted. Floors: the raw IndexedDB reads behind them, by
 * index (the newest records of today; the outbox counts).
 */
import type { BrowserContext, Page } from '@playwright/test';
import type { SignedRecord } from '../../../shared/record';
import { unlockAsStaff } from '../../support/actions';
import { cdpOf, throttle } from '../browser';
import { openLab } from '../lab';
import { median } from '../stats';
import type { Row } from '../table';

const RUNS = 5;
const DAYS = 1_000;
const PER_DAY = 100;
/** Records stay whole for the shop's minimisation period: 7 days by default (shared/sync-plan.ts). */
const COMPLETE_DAYS = 7;
/** The list's page: what the floor reads. */
export const LIST_PAGE = 50;

/** Runs in the page: from the tap on a tab to the painted frame once `selector` is in its panel. */
function armTabProbe(selector: string): void {
  const w = window as unknown as { __tab?: { tap?: number; painted?: number } };
  const probe: { tap?: number; painted?: number } = {};
  w.__tab = probe;
  document.addEventListener('click', (event) => (probe.tap ??= event.timeStamp), { capture: true, once: true });
  const check = () => {
    if (probe.tap === undefined || !document.querySelector(selector)) return false;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (probe.painted = performance.now());
      channel.port2.postMessage(0);
    });
    return true;
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
}

async function openTab(page: Page, tab: RegExp, selector: string): Promise<number> {
  await page.evaluate(armTabProbe, selector);
  await page.getByRole('tab', { name: tab }).click();
  const handle = await page.waitForFunction(() => {
    const p = (window as unknown as { __tab: { tap?: number; painted?: number } }).__tab;
    return p.painted !== undefined && p.tap !== undefined ? p.painted - p.tap : null;
  }, null, { timeout: 60_000, polling: 50 });
  return (await handle.jsonValue()) as number;
}

export async function measureScale(context: BrowserContext, base: string, options: { template: SignedRecord; throttleRate: number }): Promise<Row[]> {
  const lab = await openLab(context, base);
  await lab.call('waitForSyncIdle');
  await lab.call('clearRecords');
  const seeded = await lab.call('seedScale', { template: options.template, days: DAYS, perDay: PER_DAY, completeDays: COMPLETE_DAYS });
  const app = await context.newPage();
  const list: number[] = [];
  const counts: number[] = [];
  const rawList: number[] = [];
  const rawCounts: number[] = [];
  try {
    await app.goto(`${base}/`);
    await unlockAsStaff(app);
    const cdp = await cdpOf(app);
    const labCdp = await cdpOf(lab.page);
    await throttle(cdp, options.throttleRate);
    await throttle(labCdp, options.throttleRate);
    for (let i = 0; i < RUNS; i++) {
      await app.getByRole('tab', { name: 'Aufträge' }).click();
      list.push(await openTab(app, /^Heute/, '#staff-panel-today .row-list, #staff-panel-today .empty'));
      counts.push(await openTab(app, /^Tagesabschluss/, '#staff-panel-closeOfDay #sync-outbox ~ p'));
      rawList.push((await lab.call('rawTodayQuery', LIST_PAGE)).ms);
      rawCounts.push((await lab.call('rawOutboxCounts')).ms);
    }
    await throttle(cdp, 1);
    await throttle(labCdp, 1);
  } finally {
    await app.close();
    await lab.page.close();
  }
  const cpu = options.throttleRate === 1 ? 'no throttling' : `${options.throttleRate}× CPU`;
  const data = `${seeded.records.toLocaleString('en-US')} records, ${seeded.today} of them today, ${seeded.waiting} waiting`;
  return [
    {
      id: '6a',
      figure: `${data}: open the record list (tap "Heute" → painted), ${cpu}, median of ${RUNS}`,
      value: median(list),
      unit: 'ms',
      floor: { what: `raw IndexedDB read of today's newest ${LIST_PAGE} by index`, value: median(rawList) },
      budget: { text: '≤ 200 ms', met: median(list) <= 200 },
    },
    {
      id: '6b',
      figure: `Same tablet: show the counts on the close-of-day screen (tap → painted), ${cpu}, median of ${RUNS}`,
      value: median(counts),
      unit: 'ms',
      floor: { what: 'raw IndexedDB outbox counts by index', value: median(rawCounts) },
    },
  ];
}
