/**
 * The app's entry: renders the shell and registers the service worker. Everything in this chunk is
 * on the kiosk's start path, so keep it small; the PDF receipt and phone metadata load lazily.
 */
// First: it reads the start screen's data from IndexedDB while the rest of this chunk is evaluated.
import './data/early-boot';
import { render } from 'preact';
import { App, startBoot } from './app';
import { registerServiceWorker } from './sw-bridge';
import './styles.css';

// The owner's QR code opens /?enrol=CODE: keep the code for the enrolment form before the URL goes.
const enrolCode = new URLSearchParams(location.search).get('enrol')?.trim().slice(0, 64) || undefined;

// The app has no routes: whatever URL was typed, show the one app at its root.
if (location.pathname !== '/' || location.search || location.hash) history.replaceState(null, '', '/');

void startBoot();
render(<App enrolCode={enrolCode} />, document.getElementById('app')!);
registerServiceWorker();
