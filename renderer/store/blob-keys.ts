/** Where a record's files live in the blobs table (sealed at rest); one place for every reader. */
export const documentBlobKey = (recordId: string) => `document:${recordId}`;
export const signatureBlobKey = (recordId: string) => `signature:${recordId}`;
export const photoBlobKey = (recordId: string) => `photo:${recordId}`;

/** Every file a record may have, for the retention purge. */
export function recordBlobKeys(recordId: string): string[] {
  return [documentBlobKey(recordId), signatureBlobKey(recordId), photoBlobKey(recordId)];
}
