import { describe, expect, it } from 'vitest';
import { checkSignature, type Stroke } from '../../../../shared/signature/quality';

const pad = { width: 800, height: 300 };

/** A wavy stroke like handwriting across `width` px, `amplitude` px high. */
function scrawl(x0: number, y0: number, width: number, amplitude: number, points = 60): Stroke {
  return Array.from({ length: points }, (_, i) => ({
    x: x0 + (width * i) / (points - 1),
    y: y0 + amplitude * Math.sin((i / points) * Math.PI * 6),
  }));
}

describe('signature quality', () => {
  it('accepts a handwriting-like signature in several strokes', () => {
    const r = checkSignature([scrawl(100, 150, 250, 60), scrawl(380, 150, 200, 50)], pad);
    expect(r.ok).toBe(true);
  });

  it('refuses an empty pad', () => {
    expect(checkSignature([], pad)).toEqual({ ok: false, problem: 'empty' });
    expect(checkSignature([[]], pad)).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses a tap or a tiny mark', () => {
    expect(checkSignature([[{ x: 10, y: 10 }]], pad)).toEqual({ ok: false, problem: 'too-small' });
    expect(checkSignature([scrawl(100, 100, 40, 10)], pad)).toEqual({
      ok: false,
      problem: 'too-small',
    });
  });

  it('refuses a bare horizontal or vertical line', () => {
    const flat = scrawl(50, 150, 600, 2);
    expect(checkSignature([flat], pad)).toEqual({ ok: false, problem: 'bare-line' });
    const vertical: Stroke = Array.from({ length: 30 }, (_, i) => ({ x: 400, y: 10 + i * 9 }));
    expect(checkSignature([vertical], pad)).toEqual({ ok: false, problem: 'bare-line' });
  });

  it('refuses a wide but too-short signature in height', () => {
    // Aspect just above the line threshold but under the minimum height share.
    expect(checkSignature([scrawl(100, 150, 200, 10)], pad)).toEqual({
      ok: false,
      problem: 'too-small',
    });
  });
});
