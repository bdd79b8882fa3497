/** The lock screen's clock; it re-renders on the minute, not every second, to spare the battery. */
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { clockDate, clockTime } from './clock-format';

export function Clock() {
  const { language } = useI18n();
  const [now, setNow] = useState(() => new Date());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const schedule = (current: Date) => {
      timer = setTimeout(tick, 60_000 - (current.getSeconds() * 1000 + current.getMilliseconds()) + 50);
    };
    const tick = () => {
      const current = new Date();
      setNow(current);
      schedule(current);
    };
    // No second render at mount (it would cost a frame on the start path), unless the minute turned.
    const current = new Date();
    if (Math.floor(current.getTime() / 60_000) !== Math.floor(now.getTime() / 60_000)) setNow(current);
    schedule(current);
    return () => clearTimeout(timer);
  }, []);

  return (
    <p class="lock-clock">
      <time dateTime={now.toISOString()}>
        <span class="lock-time">{clockTime(now)}</span>
        <span class="lock-date">{clockDate(now, language)}</span>
      </time>
    </p>
  );
}
