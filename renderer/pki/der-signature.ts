import * as asn1js from 'asn1js';

/**
 * A DER ECDSA-Sig-Value (P-256 or SM2) as the raw r||s that WebCrypto and the shared verifiers
 * take, each half 32 bytes; null where it is not one.
 */
export function rawSignature(der: Uint8Array): Uint8Array<ArrayBuffer> | null {
  const { result } = asn1js.fromBER(new Uint8Array(der));
  if (!(result instanceof asn1js.Sequence)) return null;
  const [r, s] = result.valueBlock.value;
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer)) return null;
  const out = new Uint8Array(64);
  for (const [i, n] of [r, s].entries()) {
    let bytes = new Uint8Array(n.valueBlock.valueHexView);
    while (bytes.length > 32 && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > 32) return null;
    out.set(bytes, i * 32 + 32 - bytes.length);
  }
  return out;
}
