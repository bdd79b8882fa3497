/**
 * Records the server would not take, each with its reason in plain words: conflicts (another
 * record under the same id) and rejections (the server's schema check, its i18n keys translated).
 */
import { useEffect, useState } from 'preact/hooks';
import type { SyncError } from '../../shared/sync-plan';
import { listSyncProblems, retryRejected, type SyncProblem } from '../data/sync-queue';
import { formatDateTime, useI18n, type I18n } from '../i18n';
import { requestSync } from '../sync/request-sync';

export function SyncProblems(props: { count: number }) {
  const { t, language, tm } = useI18n();
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (props.count > 0) void listSyncProblems().then(setProblems);
    else setProblems([]);
  }, [props.count]);

  if (problems.length === 0) return null;

  async function retry() {
    setBusy(true);
    try {
      await retryRejected();
      await requestSync({ reason: 'manual' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="sync-problems">
      <h3 id="sync-problems">{t('sync.problems')}</h3>
      <ul class="sync-problems">
        {problems.map((p) => (
          <li key={p.recordId}>
            <strong>
              {t('sync.problem.record', {
                number: p.orderNumber ?? '–',
                name: p.customerName ?? '–',
                time: p.signedAt ? formatDateTime(language, p.signedAt) : '–',
              })}
            </strong>
            <br />
            {p.state === 'conflict' ? t('sync.problem.conflict') : rejectionText(p.error, { t, tm })}
            <br />
            <code class="hint">{p.recordId}</code>
          </li>
        ))}
      </ul>
      {problems.some((p) => p.state === 'rejected') && (
        <button type="button" disabled={busy} aria-busy={busy} onClick={() => void retry()}>
          {t('sync.retryRejected')}
        </button>
      )}
    </section>
  );
}

function rejectionText(error: SyncError | null, { t, tm }: Pick<I18n, 't' | 'tm'>): string {
  if (error?.code === 'too_large') return t('sync.problem.tooLarge');
  const reasons = [...new Set((error?.issues ?? []).map((issue) => tm(issue.message)))];
  return t('sync.problem.rejected', { reason: reasons.join(' ') || tm('error.invalid') });
}
