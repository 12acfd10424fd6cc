import type { CommitmentDocument, PartId } from '../../shared/document/model';
import type { Entity, EntityWarning } from '../../shared/entity';
import type { EntityKind } from '../../shared/model';
import type { PrecheckDecision } from '../../shared/precheck/rules';
import type { ReadingEvidence } from '../../shared/record/events';
import { NO_IDENTITY_EVIDENCE, type IdentityEvidence } from '../../shared/record/identification';
import type { RecordRow } from '../store/db';

export const STEPS = [
  'welcome',
  'kind',
  'matter',
  'entity',
  'precheck',
  'disclosure',
  'signature',
  'photo',
  'review',
  'receipt',
] as const;
export type Step = (typeof STEPS)[number];

export type SignatureCapture =
  | { readonly method: 'drawn'; readonly png: Uint8Array; readonly imageHash: string }
  | {
      readonly method: 'typed-name-witnessed';
      readonly typedName: string;
      /** Stands in for the image hash: the record binds exactly the name that was witnessed. */
      readonly nameHash: string;
      readonly witnessClerkId: string;
    }
  | {
      /** Typed and confirmed by the applicant's own declaration, where no clerk can witness. */
      readonly method: 'typed-name-confirmed';
      readonly typedName: string;
      readonly nameHash: string;
    };

/** The photo step's answer; the image lives only here until the record is stored. */
export type PhotoCapture =
  | {
      readonly status: 'taken';
      readonly jpeg: Uint8Array;
      readonly imageHash: string;
      readonly at: string;
    }
  | { readonly status: 'declined' }
  | { readonly status: 'unavailable' };

/**
 * One applicant's session, held only in React state: a reset drops the whole object, and it is
 * never written to web storage. Only the submitted record outlives it, in IndexedDB.
 */
export interface KioskSession {
  readonly step: Step;
  /** Chosen at the start: a second tap on submit finds this id stored and makes no new record. */
  readonly recordId: string;
  readonly kind: EntityKind | null;
  readonly matterCode: string | null;
  readonly entity: Entity | null;
  readonly entityWarnings: readonly EntityWarning[];
  /** What identified the signer and the entity (card read, licence QR, registered name). */
  readonly identity: IdentityEvidence;
  readonly precheck: PrecheckDecision | null;
  readonly document: CommitmentDocument | null;
  readonly documentHash: string | null;
  readonly reading: ReadingEvidence | null;
  readonly signature: SignatureCapture | null;
  readonly photo: PhotoCapture | null;
  readonly record: RecordRow | null;
}

export function newSession(): KioskSession {
  return {
    step: 'welcome',
    recordId: crypto.randomUUID(),
    kind: null,
    matterCode: null,
    entity: null,
    entityWarnings: [],
    identity: NO_IDENTITY_EVIDENCE,
    precheck: null,
    document: null,
    documentHash: null,
    reading: null,
    signature: null,
    photo: null,
    record: null,
  };
}

export type SessionAction =
  | { readonly type: 'go'; readonly step: Step }
  | { readonly type: 'kind'; readonly kind: EntityKind }
  | { readonly type: 'matter'; readonly matterCode: string }
  | {
      readonly type: 'entity';
      readonly entity: Entity;
      readonly warnings: readonly EntityWarning[];
      readonly identity: IdentityEvidence;
    }
  | { readonly type: 'precheck'; readonly decision: PrecheckDecision }
  | { readonly type: 'document'; readonly document: CommitmentDocument; readonly hash: string }
  | { readonly type: 'read'; readonly reading: ReadingEvidence }
  /** `photo`: the hall asks for a photo after the signature. */
  | { readonly type: 'signed'; readonly signature: SignatureCapture; readonly photo: boolean }
  | { readonly type: 'photo'; readonly photo: PhotoCapture }
  | { readonly type: 'submitted'; readonly record: RecordRow };

/** Each answer moves the session on and clears whatever a changed earlier answer invalidates. */
export function sessionReducer(s: KioskSession, a: SessionAction): KioskSession {
  switch (a.type) {
    case 'go':
      return { ...s, step: a.step };
    case 'kind':
      return a.kind === s.kind
        ? { ...s, step: 'matter' }
        : { ...newSessionKeeping(s), kind: a.kind, step: 'matter' };
    case 'matter':
      return {
        ...s,
        matterCode: a.matterCode,
        document: null,
        documentHash: null,
        reading: null,
        signature: null,
        photo: null,
        step: 'entity',
      };
    case 'entity':
      return {
        ...s,
        entity: a.entity,
        entityWarnings: a.warnings,
        identity: a.identity,
        precheck: null,
        document: null,
        documentHash: null,
        reading: null,
        signature: null,
        photo: null,
        step: 'precheck',
      };
    case 'precheck':
      return { ...s, precheck: a.decision };
    case 'document':
      return {
        ...s,
        document: a.document,
        documentHash: a.hash,
        reading: null,
        signature: null,
        photo: null,
        step: 'disclosure',
      };
    case 'read':
      return { ...s, reading: a.reading, step: 'signature' };
    case 'signed':
      return { ...s, signature: a.signature, photo: null, step: a.photo ? 'photo' : 'review' };
    case 'photo':
      return { ...s, photo: a.photo, step: 'review' };
    case 'submitted':
      return { ...s, record: a.record, step: 'receipt' };
  }
}

function newSessionKeeping(s: KioskSession): KioskSession {
  return { ...newSession(), recordId: s.recordId };
}

/** Confirmed parts of the letter, for the reading evidence. */
export type PartConfirmation = {
  readonly partId: PartId;
  readonly at: string;
  readonly method: 'tap' | 'keyboard' | 'read-aloud';
};
