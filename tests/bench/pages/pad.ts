/**
 * The ink floor: bare signature_pad with the kiosk's options, on a canvas of the kiosk pad's size
 * (#w=&h= in CSS pixels: a query string would miss the precache), sized to devicePixelRatio like the kiosk's. Nothing else on the page.
 */
import SignaturePad from 'signature_pad';
import { PAD_OPTIONS } from '../../../src/kiosk/signature-pad';

const params = new URLSearchParams(location.hash.slice(1));
const width = Number(params.get('w') ?? 800);
const height = Number(params.get('h') ?? 300);
const canvas = document.querySelector('canvas')!;
const ratio = Math.max(window.devicePixelRatio || 1, 1);
canvas.style.width = `${width}px`;
canvas.style.height = `${height}px`;
canvas.width = Math.round(width * ratio);
canvas.height = Math.round(height * ratio);
canvas.getContext('2d')!.scale(ratio, ratio);
const pad = new SignaturePad(canvas, PAD_OPTIONS);
Object.assign(window, { benchPad: { clear: () => pad.clear(), points: () => pad.toData().reduce((n, g) => n + g.points.length, 0) } });
document.body.dataset.ready = '1';
