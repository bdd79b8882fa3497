/**
 * Whether a drawn signature is real enough to keep: refuses nothing drawn, a dot, or a single tiny
 * stroke. Pure, so the rule is unit-tested and the same everywhere it is applied.
 */
import type { Stroke } from '../../shared/record';

export type SignatureVerdict = 'ok' | 'empty' | 'trivial';

export const SIGNATURE_RULES = {
  /** Fewer points than this in all strokes together is a dot or a tap, not a signature. */
  minPoints: 10,
  /** Ink that fits in a box this share of the pad's width by this share of its height is too small. */
  minWidthShare: 0.15,
  minHeightShare: 0.08,
  /** Total length of all strokes, in CSS pixels of the pad. */
  minInkLength: 80,
} as const;

export function checkSignature(strokes: readonly Stroke[], pad: { width: number; height: number }): SignatureVerdict {
  const points = strokes.flatMap((stroke) => stroke.points);
  if (points.length === 0) return 'empty';
  if (points.length < SIGNATURE_RULES.minPoints) return 'trivial';

  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const boxWidth = Math.max(...xs) - Math.min(...xs);
  const boxHeight = Math.max(...ys) - Math.min(...ys);
  if (boxWidth < pad.width * SIGNATURE_RULES.minWidthShare && boxHeight < pad.height * SIGNATURE_RULES.minHeightShare) {
    return 'trivial';
  }
  return inkLength(strokes) < SIGNATURE_RULES.minInkLength ? 'trivial' : 'ok';
}

function inkLength(strokes: readonly Stroke[]): number {
  let length = 0;
  for (const { points } of strokes) {
    for (let i = 1; i < points.length; i++) {
      length += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
    }
  }
  return length;
}
