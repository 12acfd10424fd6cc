import type jsQRDecoder from 'jsqr';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { creditCodeFromLicenceQr } from '../../shared/ids/licence-qr';

/** How often a frame is examined while the camera is on. */
const SCAN_MS = 200;
/** Frames are scaled down to at most this width before decoding: enough for a licence's code. */
const SCAN_WIDTH = 640;

const CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  audio: false,
};

type ScanState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'scanning' }
  | { readonly kind: 'read'; readonly code: string }
  | { readonly kind: 'no-code' }
  | { readonly kind: 'bad-code'; readonly candidate: string }
  | { readonly kind: 'no-camera' };

/** The QR text of the current frame, or null. */
function decodeFrame(
  jsQR: typeof jsQRDecoder,
  video: HTMLVideoElement,
  canvas: HTMLCanvasElement,
): string | null {
  if (video.videoWidth === 0) return null;
  const scale = Math.min(1, SCAN_WIDTH / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}

/**
 * "Scan the business licence QR code": the camera looks for the licence's QR code and hands the
 * credit code it holds to the form (`onCode`); the code's check digits decide as for a typed one
 * (shared/ids/licence-qr.ts). The camera is on only while scanning, and stops at the first code.
 */
export function LicenceQrScan({ onCode }: { readonly onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ScanState>({ kind: 'idle' });
  const videoRef = useRef<HTMLVideoElement>(null);
  const deliver = useRef(onCode);
  useEffect(() => {
    deliver.current = onCode;
  }, [onCode]);

  const scanning = state.kind === 'scanning';
  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let live = true;
    const canvas = document.createElement('canvas');
    const stop = () => {
      live = false;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    // The decoder is loaded with the camera, so a kiosk that never scans never loads it.
    const request = media?.getUserMedia
      ? Promise.all([media.getUserMedia(CONSTRAINTS), import('jsqr')])
      : Promise.reject(new Error('no camera interface'));
    request.then(
      ([s, { default: jsQR }]) => {
        stream = s;
        if (!live || !videoRef.current) {
          stop();
          return;
        }
        videoRef.current.srcObject = s;
        timer = setInterval(() => {
          const video = videoRef.current;
          const text = video ? decodeFrame(jsQR, video, canvas) : null;
          if (text === null || !live) return;
          const found = creditCodeFromLicenceQr(text);
          stop();
          if (found.ok) {
            deliver.current(found.code);
            setState({ kind: 'read', code: found.code });
          } else if (found.error === 'bad-code') {
            setState({ kind: 'bad-code', candidate: found.candidate });
          } else {
            setState({ kind: 'no-code' });
          }
        }, SCAN_MS);
      },
      () => {
        if (live) setState({ kind: 'no-camera' });
      },
    );
    return stop;
  }, [scanning]);

  return (
    <div className="licence-qr">
      {scanning ? (
        <>
          <p className="field-hint" role="status">
            {t('identity.licence.hint')}
          </p>
          <video
            ref={videoRef}
            className="licence-qr-video"
            data-testid="licence-qr-video"
            aria-label={t('identity.licence.video')}
            autoPlay
            muted
            playsInline
          />
          <button
            type="button"
            className="button-secondary"
            onClick={() => setState({ kind: 'idle' })}
          >
            {t('identity.licence.stop')}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button-secondary"
          onClick={() => setState({ kind: 'scanning' })}
        >
          {t('identity.licence.scan')}
        </button>
      )}
      {state.kind === 'read' && (
        <p className="notice notice-ok" role="status">
          {t('identity.licence.read', { code: state.code })}
        </p>
      )}
      {(state.kind === 'no-code' || state.kind === 'bad-code' || state.kind === 'no-camera') && (
        <p className="notice notice-stop" role="alert">
          {state.kind === 'bad-code'
            ? t('identity.licence.badCode', { code: state.candidate })
            : t(state.kind === 'no-code' ? 'identity.licence.noCode' : 'identity.licence.noCamera')}
        </p>
      )}
    </div>
  );
}
