/**
 * The main chunk's floor: what any lock screen of this app needs at the least, Preact rendering
 * one button and Dexie reading one row. The benchmark compares its gzip size with the app's.
 */
import Dexie from 'dexie';
import { h, render } from 'preact';

const db = new Dexie('bench-start-floor');
db.version(1).stores({ settings: 'key' });
void db.table('settings').get('shop').then(() => render(h('button', { type: 'button' }, 'Entsperren'), document.getElementById('app')!));
