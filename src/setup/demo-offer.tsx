/**
 * "Load the demo shop", offered only when the server hands out a valid seed. In `vite dev` or
 * offline the request fails or returns the HTML shell, and the offer simply does not appear.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseWith } from '../../shared/record';
import { DemoSeedSchema, type DemoSeed, type ShopConfig } from '../../shared/shop';
import { loadDemoSeed } from '../data/setup';
import { useI18n } from '../i18n';

async function fetchDemoSeed(signal: AbortSignal): Promise<DemoSeed | null> {
  try {
    const response = await fetch('/api/v1/demo-seed', { headers: { accept: 'application/json' }, signal, cache: 'no-store' });
    if (response.status !== 200 || !response.headers.get('content-type')?.includes('json')) return null;
    const parsed = parseWith(DemoSeedSchema, await response.json());
    return parsed.ok ? parsed.value : null;
  } catch {
    return null;
  }
}

export function DemoOffer(props: { onDone: (shop: ShopConfig) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [seed, setSeed] = useState<DemoSeed | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    void fetchDemoSeed(controller.signal).then((result) => {
      if (!controller.signal.aborted) setSeed(result);
    });
    return () => controller.abort();
  }, []);

  if (!seed) return null;

  async function load() {
    if (!seed) return;
    setBusy(true);
    setFailed(false);
    try {
      const loaded = await loadDemoSeed(seed);
      props.onDone(loaded.shop);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }

  const [before, after = ''] = t('setup.demo.hint').split('{command}');
  return (
    <section class="card setup-demo" aria-labelledby="setup-demo-title">
      <h2 id="setup-demo-title">{t('setup.demo.title')}</h2>
      <p id="setup-demo-hint" class="hint">
        {before}
        <code>npm start</code>
        {after}
      </p>
      <button type="button" class="primary" aria-describedby="setup-demo-hint" disabled={busy || props.disabled} onClick={() => void load()}>
        {t('setup.demo.button')}
      </button>
      {failed && <p class="field-error" role="alert">{t('setup.demo.failed')}</p>}
    </section>
  );
}
