import { useEffect, useState } from 'react';
import type { KioskDb } from '../../store/db';

interface EvidenceImageProps {
  readonly db: KioskDb;
  /** The blob's key (store/blob-keys.ts); nothing shows once the blob is gone (retention purge). */
  readonly blobKey: string;
  readonly alt: string;
  readonly testId: string;
}

/** An image the record keeps sealed on the device (signature, photo), opened for this screen only. */
export function EvidenceImage({ db, blobKey, alt, testId }: EvidenceImageProps) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    let cancelled = false;
    void db.blobs.get(blobKey).then((blob) => {
      if (cancelled || !blob) return;
      made = URL.createObjectURL(new Blob([blob.data.slice()], { type: blob.mimeType }));
      setUrl(made);
    });
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [db, blobKey]);
  return url ? <img className="evidence-image" src={url} alt={alt} data-testid={testId} /> : null;
}
