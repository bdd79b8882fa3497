/**
 * Figure 4: the PDF receipt at 4× CPU throttling. First run: a fresh tab loads the receipt module
 * and jsPDF (from the service worker's cache) and makes the receipt; warm: the same tab again.
 * Floor: bare jsPDF, loaded the same way, putting the same signature image on one page.
 */
import type { BrowserContext } from '@playwright/test';
import { cdpOf, throttle } from '../browser';
import { openLab } from '../lab';
import { median } from '../stats';
import type { Row } from '../table';

const FRESH_TABS = 3;
const WARM_RUNS = 5;
const THROTTLE = 4;

async function runs(context: BrowserContext, base: string, fn: 'receiptRun' | 'bareJsPdfRun', recordId: string): Promise<{ first: number; warm: number[] }> {
  const lab = await openLab(context, base);
  const cdp = await cdpOf(lab.page);
  try {
    await throttle(cdp, THROTTLE);
    const first = await lab.call(fn, recordId);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await lab.call(fn, recordId));
    return { first, warm };
  } finally {
    await cdp.detach().catch(() => {});
    await lab.page.close();
  }
}

export async function measurePdf(context: BrowserContext, base: string, recordId: string): Promise<Row[]> {
  const app = { first: [] as number[], warm: [] as number[] };
  const floor = { first: [] as number[], warm: [] as number[] };
  for (let i = 0; i < FRESH_TABS; i++) {
    for (const which of i % 2 === 0 ? (['floor', 'app'] as const) : (['app', 'floor'] as const)) {
      const r = await runs(context, base, which === 'app' ? 'receiptRun' : 'bareJsPdfRun', recordId);
      const into = which === 'app' ? app : floor;
      into.first.push(r.first);
      into.warm.push(...r.warm);
    }
  }
  return [
    {
      id: '4a',
      figure: `PDF receipt, first run incl. lazy load of jsPDF, 4× CPU (median of ${FRESH_TABS} fresh tabs)`,
      value: median(app.first),
      unit: 'ms',
      floor: { what: 'bare jsPDF: lazy load, one page with the same image', value: median(floor.first) },
    },
    {
      id: '4b',
      figure: `PDF receipt, warm, 4× CPU (median of ${FRESH_TABS * WARM_RUNS})`,
      value: median(app.warm),
      unit: 'ms',
      floor: { what: 'bare jsPDF, warm', value: median(floor.warm) },
    },
  ];
}
