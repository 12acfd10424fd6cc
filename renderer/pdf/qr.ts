import QRCode from 'qrcode';

/** One dark rectangle, in modules, from the symbol's top-left corner. */
export interface QrRun {
  readonly row: number;
  readonly col: number;
  readonly length: number;
}

export interface QrSymbol {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  /** The dark modules as horizontal runs, so that a printer gets a few dozen shapes, not hundreds. */
  readonly runs: readonly QrRun[];
}

/** Error correction M (15 %): survives a crease or a smudge on paper and keeps the symbol small. */
export function qrSymbol(text: string): QrSymbol {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrRun[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let start = -1;
    for (let col = 0; col <= modules.size; col += 1) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** The quiet zone the QR standard asks for on each side, in modules. */
export const QR_QUIET_ZONE = 4;
