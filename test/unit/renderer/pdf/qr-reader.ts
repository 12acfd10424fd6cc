import type { RenderedPage } from './poppler';

function finderDark(r: number, c: number): boolean {
  return r === 0 || r === 6 || c === 0 || c === 6 || (r >= 2 && r <= 4 && c >= 2 && c <= 4);
}

/**
 * Reads a QR symbol of `size` modules back from a rendered page, given where its left edge is:
 * finds the top-left finder pattern by scanning down, then samples every module's centre. A
 * reader of our own, since no QR decoder is installed; what it checks is that the printed
 * modules are exactly the symbol's.
 */
export function readQrModules(
  page: RenderedPage,
  dpi: number,
  leftPt: number,
  sidePt: number,
  size: number,
  quietZone: number,
): boolean[][] | null {
  const scale = dpi / 72;
  const module = (sidePt / (size + 2 * quietZone)) * scale;
  const x0 = (leftPt + (quietZone * sidePt) / (size + 2 * quietZone)) * scale;
  const dark = (x: number, y: number): boolean => {
    const px = Math.floor(x);
    const py = Math.floor(y);
    if (px < 0 || py < 0 || px >= page.width || py >= page.height) return false;
    return (page.pixels[py * page.width + px] ?? 255) < 128;
  };
  const at = (y0: number, r: number, c: number): boolean =>
    dark(x0 + (c + 0.5) * module, y0 + (r + 0.5) * module);
  const finderAt = (y0: number): boolean => {
    for (let r = 0; r < 7; r += 1)
      for (let c = 0; c < 7; c += 1) if (at(y0, r, c) !== finderDark(r, c)) return false;
    return true;
  };
  for (let first = 0; first + size * module < page.height; first += 1) {
    if (!finderAt(first)) continue;
    // Every offset within half a module matches; sample from the middle of that range.
    let last = first;
    while (finderAt(last + 1)) last += 1;
    const y0 = (first + last) / 2;
    return Array.from({ length: size }, (_, r) =>
      Array.from({ length: size }, (_, c) => at(y0, r, c)),
    );
  }
  return null;
}
