import { useMemo } from 'react';
import { QR_QUIET_ZONE, qrSymbol } from '../pdf/qr';

/** A QR code as vector shapes: the same symbol the printed letter carries. */
export function QrCode({
  text,
  label,
  size = 200,
}: {
  readonly text: string;
  readonly label: string;
  readonly size?: number;
}) {
  const symbol = useMemo(() => qrSymbol(text), [text]);
  const side = symbol.size + QR_QUIET_ZONE * 2;
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      {symbol.runs.map((r) => (
        <rect
          key={`${r.row}-${r.col}`}
          x={r.col + QR_QUIET_ZONE}
          y={r.row + QR_QUIET_ZONE}
          width={r.length}
          height={1}
          fill="#000"
        />
      ))}
    </svg>
  );
}
