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

/** The files that go to the platform as evidence (shared/platform/evidence.ts), by kind. */
export const EVIDENCE_BLOB_PREFIXES = {
  letter: LETTER_PREFIX,
  signature: 'signature:',
  photo: 'photo:',
} as const;
/**
 * The platform's acknowledgement of a file (its hash and time): until each file of a record has
 * one, the retention purge keeps the record. A letter replaced by its timestamped form loses its
 * acknowledgement and is sent again.
 */
export const ARCHIVED_PREFIX = 'archived:';
export const archivedBlobKey = (kind: keyof typeof EVIDENCE_BLOB_PREFIXES, recordId: string) =>
  `${ARCHIVED_PREFIX}${kind}:${recordId}`;

/** Every file a record may have, for the retention purge. */
export function recordBlobKeys(recordId: string): string[] {
  return [
    documentBlobKey(recordId),
    signatureBlobKey(recordId),
    photoBlobKey(recordId),
    letterBlobKey(recordId),
    letterTimestampBlobKey(recordId),
    archivedBlobKey('letter', recordId),
    archivedBlobKey('signature', recordId),
    archivedBlobKey('photo', recordId),
  ];
}
