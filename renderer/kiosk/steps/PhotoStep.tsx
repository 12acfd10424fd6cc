import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sha256Hex } from '../../../shared/crypto/canonical';
import { chinaInstant } from '../../../shared/time';
import { StepFrame } from '../StepFrame';
import type { PhotoCapture } from '../session';

interface PhotoStepProps {
  /** 'offered': the applicant may go on without a photo; 'required': not without one. */
  readonly policy: 'offered' | 'required';
  readonly now: () => Date;
  readonly onDone: (photo: PhotoCapture) => void;
  readonly onBack: () => void;
  readonly onCancel: () => void;
}

type CameraState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'taken'; readonly jpeg: Uint8Array; readonly url: string; readonly at: Date }
  | { readonly kind: 'unavailable' };

const CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
  audio: false,
};

function stop(stream: MediaStream | null): void {
  stream?.getTracks().forEach((track) => track.stop());
}

function jpegOf(video: HTMLVideoElement): Promise<Uint8Array | null> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d');
  if (!context || canvas.width === 0) return Promise.resolve(null);
  context.drawImage(video, 0, 0);
  return new Promise((resolve) => {
    canvas.toBlob(
      (blob) => {
        if (!blob) resolve(null);
        else void blob.arrayBuffer().then((b) => resolve(new Uint8Array(b)));
      },
      'image/jpeg',
      0.85,
    );
  });
}

/**
 * A photo of the applicant at signing, where the hall asks for one (brief §8). The camera is on
 * only while this step shows a live picture; the photo stays in the session until the record is
 * stored (sealed), and goes with the session on a reset.
 */
export function PhotoStep({ policy, now, onDone, onBack, onCancel }: PhotoStepProps) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const streamRef = useRef<MediaStream | null>(null);
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [attempt, setAttempt] = useState(0);
  const restart = () => {
    setState({ kind: 'starting' });
    setAttempt((n) => n + 1);
  };

  useEffect(() => {
    let cancelled = false;
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    const request = media?.getUserMedia
      ? media.getUserMedia(CONSTRAINTS)
      : Promise.reject(new Error('no camera interface'));
    request.then(
      (stream) => {
        if (cancelled) {
          stop(stream);
          return;
        }
        streamRef.current = stream;
        if (videoRef.current) videoRef.current.srcObject = stream;
        setState({ kind: 'live' });
      },
      () => {
        if (!cancelled) setState({ kind: 'unavailable' });
      },
    );
    return () => {
      cancelled = true;
      stop(streamRef.current);
      streamRef.current = null;
    };
  }, [attempt]);

  // The still's object URL lives as long as the still.
  useEffect(() => {
    if (state.kind !== 'taken') return;
    return () => URL.revokeObjectURL(state.url);
  }, [state]);

  const take = useCallback(async () => {
    const video = videoRef.current;
    if (!video) return;
    const jpeg = await jpegOf(video);
    if (!jpeg) return;
    stop(streamRef.current);
    streamRef.current = null;
    const url = URL.createObjectURL(new Blob([jpeg.slice()], { type: 'image/jpeg' }));
    setState({ kind: 'taken', jpeg, url, at: now() });
  }, [now]);

  const accept = () => {
    if (state.kind !== 'taken') return;
    onDone({
      status: 'taken',
      jpeg: state.jpeg,
      imageHash: sha256Hex(state.jpeg),
      at: chinaInstant(state.at),
    });
  };

  let action = null;
  if (state.kind === 'live')
    action = (
      <button type="button" className="button-primary" onClick={() => void take()}>
        {t('kiosk.photo.take')}
      </button>
    );
  else if (state.kind === 'taken')
    action = (
      <button type="button" className="button-primary" onClick={accept}>
        {t('kiosk.photo.use')}
      </button>
    );
  else if (state.kind === 'unavailable' && policy === 'offered')
    action = (
      <button
        type="button"
        className="button-primary"
        onClick={() => onDone({ status: 'unavailable' })}
      >
        {t('kiosk.photo.continueWithout')}
      </button>
    );
  else if (state.kind === 'unavailable')
    action = (
      <button type="button" className="button-primary" onClick={onCancel}>
        {t('kiosk.photo.toCounter')}
      </button>
    );

  return (
    <StepFrame
      step="photo"
      heading={t('kiosk.photo.heading')}
      onBack={onBack}
      onCancel={onCancel}
      action={action}
    >
      <p>{t(policy === 'required' ? 'kiosk.photo.whyRequired' : 'kiosk.photo.whyOffered')}</p>
      <p>{t('kiosk.photo.keeping')}</p>
      {state.kind === 'unavailable' ? (
        <p className="notice notice-warn" role="alert" data-testid="photo-unavailable">
          {t(policy === 'required' ? 'kiosk.photo.unavailableRequired' : 'kiosk.photo.unavailable')}
        </p>
      ) : (
        <div className="photo-frame">
          {state.kind === 'taken' ? (
            <img src={state.url} alt={t('kiosk.photo.stillLabel')} data-testid="photo-still" />
          ) : (
            <video
              ref={videoRef}
              autoPlay
              playsInline
              muted
              aria-label={t('kiosk.photo.liveLabel')}
              data-testid="photo-live"
            />
          )}
        </div>
      )}
      <div className="row">
        {state.kind === 'taken' && (
          <button type="button" className="button-secondary" onClick={restart}>
            {t('kiosk.photo.retake')}
          </button>
        )}
        {state.kind === 'unavailable' && (
          <button type="button" className="button-secondary" onClick={restart}>
            {t('kiosk.photo.tryAgain')}
          </button>
        )}
        {policy === 'offered' && state.kind !== 'unavailable' && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => onDone({ status: 'declined' })}
          >
            {t('kiosk.photo.decline')}
          </button>
        )}
      </div>
    </StepFrame>
  );
}
