/**
 * The app's entry: renders the shell and registers the service worker. Everything in this chunk is
 * on the kiosk's start path, so keep it small; the PDF receipt and phone metadata load lazily.
 */
import { render } from 'preact';
import { App } from './app';
import { registerServiceWorker } from './sw-bridge';
import './styles.css';

// The app has no routes: whatever URL was typed, show the one app at its root.
if (location.pathname !== '/' || location.search || location.hash) history.replaceState(null, '', '/');

render(<App />, document.getElementById('app')!);
registerServiceWorker();
