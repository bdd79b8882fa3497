/** The lock screen's clock; it re-renders on the minute, not every second, to spare the battery. */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';

export function Clock() {
  const { language } = useI18n();
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = new Date();
      setNow(current);
      timer = setTimeout(tick, 60_000 - (current.getSeconds() * 1000 + current.getMilliseconds()) + 50);
    };
    tick();
    return () => clearTimeout(timer);
  }, []);

  const locale = language === 'de' ? 'de-DE' : 'en-GB';
  return (
    <p class="lock-clock">
      <time dateTime={now.toISOString()}>
        <span class="lock-time">{new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(now)}</span>
        <span class="lock-date">{new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(now)}</span>
      </time>
    </p>
  );
}
