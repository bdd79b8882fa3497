/** Opening the benchmark's lab page (pages/lab.ts) in a tab of its own, and calling it. */
import type { BrowserContext, Page } from '@playwright/test';
import type { LabApi } from './lab-api';

export interface LabPage {
  page: Page;
  call<K extends keyof LabApi>(name: K, ...args: Parameters<LabApi[K]>): Promise<Awaited<ReturnType<LabApi[K]>>>;
}

export async function openLab(context: BrowserContext, base: string): Promise<LabPage> {
  const page = await context.newPage();
  await page.goto(`${base}/bench/lab.html`);
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  return {
    page,
    call: (name, ...args) =>
      page.evaluate(
        async ([fn, list]) => {
          try {
            return await (window as unknown as { lab: Record<string, (...a: unknown[]) => Promise<unknown>> }).lab[fn]!(...list);
          } catch (error) {
            // Dexie's errors carry their name and inner error apart from the message.
            const e = error as { name?: string; message?: string; inner?: { message?: string }; stack?: string };
            throw new Error(`lab.${fn}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}${e.inner?.message ? ` (${e.inner.message})` : ''}\n${e.stack ?? ''}`);
          }
        },
        [name, args] as [string, unknown[]],
      ) as never,
  };
}
