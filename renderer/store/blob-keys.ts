/** Where a record's files live in the blobs table (sealed at rest); one place for every reader. */
export const documentBlobKey = (recordId: string) => `document:${recordId}`;
export const signatureBlobKey = (recordId: string) => `signature:${recordId}`;
export const photoBlobKey = (recordId: string) => `photo:${recordId}`;

/**
 * The letter as the device signed it (PAdES), kept from its first print; once the platform has
 * timestamped it, the same letter with the timestamp update appended (its first bytes unchanged).
 */
export const LETTER_PREFIX = 'letter:';
export const letterBlobKey = (recordId: string) => `${LETTER_PREFIX}${recordId}`;
/** Present once the stored letter carries the platform's document timestamp: what it attests. */
export const LETTER_TIMESTAMP_PREFIX = 'letter-ts:';
export const letterTimestampBlobKey = (recordId: string) => `${LETTER_TIMESTAMP_PREFIX}${recordId}`;

/** Every file a record may have, for the retention purge. */
export function recordBlobKeys(recordId: string): string[] {
  return [
    documentBlobKey(recordId),
    signatureBlobKey(recordId),
    photoBlobKey(recordId),
    letterBlobKey(recordId),
    letterTimestampBlobKey(recordId),
  ];
}
