/**
 * The one call of `qrcode` the renderer makes, declared here: `@types/qrcode` references Node's
 * types, and the renderer compiles without them (tsconfig.renderer.json maps `qrcode` to this file).
 */
export interface QrModules {
  readonly size: number;
  /** 1 for a dark module, 0 for a light one. */
  get(row: number, col: number): number;
}

export interface QrCreateOptions {
  readonly errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
}

declare const QRCode: {
  create(text: string, options?: QrCreateOptions): { readonly modules: QrModules };
};
export default QRCode;
