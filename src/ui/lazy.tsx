/**
 * A screen that loads its code on first use. Staff screens and the setup wizard are not on the
 * kiosk's start path, so they stay out of the main chunk; the service worker precaches them all.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<void> | null = null;
  const preload = () => (pending ??= load().then((component) => void (loaded = component)));

  function LazyScreen(props: P) {
    const [, setReady] = useState(false);
    useEffect(() => {
      if (!loaded) void preload().then(() => setReady(true));
    }, []);
    const Component = loaded;
    return Component ? <Component {...props} /> : <main class="screen screen--center" aria-busy="true" />;
  }
  return Object.assign(LazyScreen, { preload });
}
