/**
 * The signature canvas, and the only module that imports signature_pad. The canvas is sized to CSS
 * pixels × devicePixelRatio so ink stays sharp; on rotation or resize the strokes are kept and
 * redrawn to scale. Strokes are handed out in the coordinates of a reference size (the pad's size
 * when drawing began), so rotating back and forth never shrinks the signature.
 */
import SignaturePad, { type PointGroup } from 'signature_pad';
import { useEffect, useRef } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { Stroke } from '../../shared/record';
import { inkPngDataUrl } from './signature-png';

export interface SignatureDrawing {
  /** Size in CSS pixels that the strokes' coordinates refer to. */
  width: number;
  height: number;
  strokes: Stroke[];
  png: string;
}

export interface SignaturePadHandle {
  clear: () => void;
  /** What is drawn now, or null when nothing is. */
  read: () => SignatureDrawing | null;
  /** The same without the PNG (png is ''): cheap enough for every stroke's end. */
  readStrokes: () => SignatureDrawing | null;
}

const PEN = { penColor: '#10151c', minWidth: 0.9, maxWidth: 3, velocityFilterWeight: 0.7, dotSize: 0 } as const;
/** The pad's options; the benchmark's bare signature_pad uses the same ones. */
export const PAD_OPTIONS = { ...PEN, minDistance: 2, throttle: 16 } as const;

interface Props {
  initial: SignatureDrawing | null;
  handle: RefObject<SignaturePadHandle | null>;
  label: string;
  describedBy?: string;
  onStrokeEnd?: () => void;
}

export function SignatureCanvas(props: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const onStrokeEnd = useRef(props.onStrokeEnd);
  onStrokeEnd.current = props.onStrokeEnd;

  useEffect(() => {
    const canvas = canvasRef.current!;
    const pad = new SignaturePad(canvas, PAD_OPTIONS);
    let reference = props.initial ? { width: props.initial.width, height: props.initial.height } : null;
    let strokes: Stroke[] = props.initial?.strokes ?? [];
    let scale = 1;
    let laidOut = { width: 0, height: 0, ratio: 0 };

    const fromPad = (): Stroke[] =>
      pad.toData().map((group) => ({
        points: group.points.map((p) => ({ x: round(p.x / scale), y: round(p.y / scale), time: p.time, pressure: round(p.pressure) })),
      }));
    const toPad = (list: Stroke[]): PointGroup[] =>
      list.map((stroke) => ({
        ...PEN,
        compositeOperation: 'source-over',
        points: stroke.points.map((p) => ({ x: p.x * scale, y: p.y * scale, time: p.time, pressure: p.pressure })),
      }));

    function layout() {
      const { width, height } = canvas.getBoundingClientRect();
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      if (width === 0 || height === 0) return;
      if (width === laidOut.width && height === laidOut.height && ratio === laidOut.ratio) return;
      if (laidOut.width > 0) strokes = fromPad();
      laidOut = { width, height, ratio };
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      canvas.getContext('2d')!.scale(ratio, ratio);
      reference ??= { width, height };
      scale = Math.min(width / reference.width, height / reference.height);
      pad.clear();
      if (strokes.length > 0) pad.fromData(toPad(strokes));
    }

    const observer = new ResizeObserver(layout);
    observer.observe(canvas);
    layout();
    // Belt and braces beside touch-action: none, for browsers that still scroll on a touch drag.
    const stopScroll = (event: TouchEvent) => event.cancelable && event.preventDefault();
    canvas.addEventListener('touchmove', stopScroll, { passive: false });
    const endStroke = () => onStrokeEnd.current?.();
    pad.addEventListener('endStroke', endStroke);

    const readStrokes = (): SignatureDrawing | null => {
      const drawn = fromPad();
      if (drawn.length === 0 || !reference) return null;
      return { width: round(reference.width), height: round(reference.height), strokes: drawn, png: '' };
    };

    props.handle.current = {
      clear() {
        pad.clear();
        strokes = [];
        reference = { width: laidOut.width, height: laidOut.height };
        scale = 1;
      },
      read() {
        const drawing = readStrokes();
        if (!drawing) return null;
        // The pad draws only in the pen's colour: an indexed PNG keeps every pixel at a third of the size.
        const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return { ...drawing, png: inkPngDataUrl(image, PEN.penColor) };
      },
      readStrokes,
    };

    return () => {
      props.handle.current = null;
      observer.disconnect();
      canvas.removeEventListener('touchmove', stopScroll);
      pad.removeEventListener('endStroke', endStroke);
      pad.off();
    };
  }, []);

  return (
    <canvas
      ref={canvasRef}
      class="signature-canvas"
      data-testid="signature-pad"
      role="img"
      aria-label={props.label}
      aria-describedby={props.describedBy}
    />
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
