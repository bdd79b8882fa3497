/**
 * Keeps the back button from leaving the kiosk: one extra history entry on mount, and another each
 * time the browser goes back. Reloads and typed URLs are handled by App, which boots into the kiosk.
 */
import { useEffect } from 'preact/hooks';

export function useNavigationLock(): void {
  useEffect(() => {
    const url = location.href;
    const trap = () => history.pushState(null, '', url);
    trap();
    window.addEventListener('popstate', trap);
    return () => window.removeEventListener('popstate', trap);
  }, []);
}
