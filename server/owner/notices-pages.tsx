/** @jsxImportSource hono/jsx */
/**
 * /owner/notices: the privacy notice and the four consent texts, each editable in German and
 * English and published as a new version; earlier versions stay listed, since records name them.
 */
import { Hono, type Context } from 'hono';
import { TEXT_KINDS, type ShopConfig, type TextKind } from '../../shared/shop';
import { publishText } from '../shop/shop';
import type { Store, TextVersionRow } from '../store/store';
import { readForm } from './form';
import { renderPage, type OwnerEnv } from './layout';
import { formatTime, type OwnerText } from './strings';

const MAX_TEXT = 20_000;
const isKind = (value: string | undefined): value is TextKind => TEXT_KINDS.includes(value as TextKind);

export function createNoticesPages({ store, now }: { store: Store; now: () => Date }): Hono<OwnerEnv> {
  const listPage = async (
    c: Context<OwnerEnv>,
    { status = 200, message = null, drafts = {} }: { status?: 200 | 422; message?: { kind: 'error' | 'ok'; text: string } | null; drafts?: Partial<Record<TextKind, { de: string; en: string }>> } = {},
  ) => {
    const t = c.get('t');
    const [shop, history] = await Promise.all([store.shop.get(), store.shop.textHistory()]);
    return renderPage(c, {
      title: t.notices.title,
      section: 'notices',
      status,
      message,
      body: shop ? <TextSections t={t} shop={shop} history={history} drafts={drafts} /> : <p>{t.notices.noShop}</p>,
    });
  };

  return new Hono<OwnerEnv>()
    .get('/', async (c) => {
      const t = c.get('t');
      const published = c.req.query('published');
      const unchanged = c.req.query('unchanged');
      const version = Number(c.req.query('version'));
      const message = isKind(published)
        ? { kind: 'ok' as const, text: t.notices.published(t.notices.kinds[published], version) }
        : isKind(unchanged)
          ? { kind: 'ok' as const, text: t.notices.unchanged(t.notices.kinds[unchanged]) }
          : null;
      return listPage(c, { message });
    })
    .post('/:kind', async (c) => {
      const t = c.get('t');
      const kind = c.req.param('kind');
      if (!isKind(kind)) return renderPage(c, { title: t.notFound, section: 'notices', status: 404, body: null });
      const field = await readForm(c);
      // Stored trimmed, as the shared schema reads it, so that tablet and server hash the same words.
      const de = field('de').trim();
      const en = field('en').trim();
      const problem = !de || !en ? t.notices.required : de.length > MAX_TEXT || en.length > MAX_TEXT ? t.notices.tooLong : null;
      if (problem) return listPage(c, { status: 422, message: { kind: 'error', text: `${t.notices.kinds[kind]}: ${problem}` }, drafts: { [kind]: { de, en } } });

      const outcome = await publishText({ store, kind, de, en, now: now() });
      if (outcome.status === 'no_shop') return listPage(c);
      if (outcome.status === 'unchanged') return c.redirect(`/owner/notices?unchanged=${kind}#${kind}`, 303);
      return c.redirect(`/owner/notices?published=${kind}&version=${outcome.text.version}#${kind}`, 303);
    });
}

function TextSections({
  t,
  shop,
  history,
  drafts,
}: {
  t: OwnerText;
  shop: ShopConfig;
  history: TextVersionRow[];
  drafts: Partial<Record<TextKind, { de: string; en: string }>>;
}) {
  return (
    <>
      <p>{t.notices.intro}</p>
      {TEXT_KINDS.map((kind) => {
        const current = shop.texts[kind];
        const versions = history.filter((h) => h.kind === kind);
        const latest = versions.find((h) => h.version === current.version);
        const draft = drafts[kind] ?? current;
        return (
          <section id={kind}>
            <h2>{t.notices.kinds[kind]}</h2>
            <p>{t.notices.current(current.version, formatTime(latest?.publishedAt ?? null, t))}</p>
            <form method="post" action={`/owner/notices/${kind}`}>
              <label for={`${kind}-de`}>{t.notices.german}</label>
              <textarea id={`${kind}-de`} name="de" lang="de" required maxlength={MAX_TEXT}>
                {draft.de}
              </textarea>
              <label for={`${kind}-en`}>{t.notices.english}</label>
              <textarea id={`${kind}-en`} name="en" lang="en" required maxlength={MAX_TEXT}>
                {draft.en}
              </textarea>
              <button type="submit">{t.notices.publish}</button>
            </form>
            {versions.length > 1 && (
              <details>
                <summary>{t.notices.history}</summary>
                {versions
                  .filter((v) => v.version !== current.version)
                  .map((v) => (
                    <details>
                      <summary>{t.notices.version(v.version, formatTime(v.publishedAt, t))}</summary>
                      <p lang="de" style="white-space: pre-wrap">
                        {v.de}
                      </p>
                      <p lang="en" style="white-space: pre-wrap">
                        {v.en}
                      </p>
                    </details>
                  ))}
              </details>
            )}
          </section>
        );
      })}
    </>
  );
}
