/**
 * Whether a hand-drawn signature is acceptable before it is bound to a record. The kiosk refuses
 * an empty pad, a mark too small to be a signature, and a bare line (a stroke with no height, or
 * no width), so that a tap or a swipe is never taken for a signature.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export type Stroke = readonly Point[];

export interface PadSize {
  readonly width: number;
  readonly height: number;
}

export type SignatureProblem = 'empty' | 'too-small' | 'bare-line';

export type SignatureCheck =
  | { readonly ok: true; readonly inkLength: number }
  | { readonly ok: false; readonly problem: SignatureProblem };

/** Thresholds relative to the pad, so they hold on any screen size. */
export const SIGNATURE_RULES = {
  /** The signature must span at least this share of the pad's width... */
  minWidthShare: 0.15,
  /** ...and this share of its height. */
  minHeightShare: 0.08,
  /** Below this ratio of short to long side the mark is a line, not writing. */
  minAspect: 0.08,
  /** Total ink, as a multiple of the pad's width. */
  minInkWidths: 0.5,
  minPoints: 8,
} as const;

export function checkSignature(strokes: readonly Stroke[], pad: PadSize): SignatureCheck {
  const points = strokes.flat();
  if (points.length === 0) return { ok: false, problem: 'empty' };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  let inkLength = 0;
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i += 1) {
      const a = stroke[i - 1];
      const b = stroke[i];
      if (a && b) inkLength += Math.hypot(b.x - a.x, b.y - a.y);
    }
  }
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long > 0 && short / long < SIGNATURE_RULES.minAspect)
    return { ok: false, problem: 'bare-line' };
  if (
    points.length < SIGNATURE_RULES.minPoints ||
    width < pad.width * SIGNATURE_RULES.minWidthShare ||
    height < pad.height * SIGNATURE_RULES.minHeightShare ||
    inkLength < pad.width * SIGNATURE_RULES.minInkWidths
  ) {
    return { ok: false, problem: 'too-small' };
  }
  return { ok: true, inkLength };
}
