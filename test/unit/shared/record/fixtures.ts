import type { Actor } from '../../../../shared/events/envelope';
import type { RecordEventEntry } from '../../../../shared/record/lifecycle';
import type {
  FulfilmentPayload,
  RecordEventPayload,
  RecordEventType,
  RecordSignedPayload,
} from '../../../../shared/record/events';

/** Builders for valid record events; tests break one thing at a time from these. */

export const DOC_HASH = 'a'.repeat(64);
export const IMAGE_HASH = 'b'.repeat(64);
export const ORGAN_USCC = '91130100MA01111107';
export const INDIVIDUAL_BUSINESS_USCC = '92130100MA0222222J';
export const COMPANY_USCC = '91350200776049653A';
export const RESIDENT_ID = '130102199003071233';
export const CODE = '13010220260315010001';

export function signedPayload(): RecordSignedPayload {
  return {
    commitmentCode: CODE,
    matter: { code: 'FOOD-01', name: { 'zh-CN': '食品经营许可', en: 'Food business permit' } },
    commitmentType: 'approval-replacing',
    entity: {
      kind: 'legal-person',
      name: '石家庄示例食品有限公司',
      idType: 'uscc',
      idNumber: COMPANY_USCC,
      representative: { name: '王五' },
    },
    identifierWarnings: [],
    document: {
      hash: DOC_HASH,
      catalogueId: 'hb-130102',
      catalogueVersion: 3,
      templateVersion: 'HB-FOOD-2026.1',
      language: 'zh-CN',
    },
    reading: {
      textVersion: 'HB-FOOD-2026.1',
      documentHash: DOC_HASH,
      perPartSeconds: { notification: 42, commitment: 35.5 },
      reachedEnd: true,
      confirmations: [
        { partId: 'notification', at: '2026-03-15T09:01:00+08:00', method: 'tap' },
        { partId: 'commitment', at: '2026-03-15T09:02:00+08:00', method: 'read-aloud' },
      ],
    },
    signature: { method: 'drawn', imageHash: IMAGE_HASH },
    precheck: {
      outcome: 'eligible',
      basis: 'online',
      checkedAt: '2026-03-15T09:00:00+08:00',
      snapshot: null,
    },
    assisted: { assisted: false },
    validUntil: '2027-03-15',
    publication: 'public',
    acceptingOrgan: {
      name: {
        'zh-CN': '石家庄市长安区行政审批局',
        en: 'Chang’an District Administrative Approval Bureau',
      },
      creditCode: ORGAN_USCC,
    },
  };
}

export function finding(overrides: Partial<FulfilmentPayload> = {}): FulfilmentPayload {
  return {
    status: 'not-kept',
    notKept: '未按承诺取得健康证明',
    liabilityImposed: '撤销食品经营许可',
    permitRevoked: false,
    findingDate: '2026-06-01',
    findingOrgan: { name: '石家庄市市场监督管理局', code: '11130100000000000X' },
    ...overrides,
  };
}

export const CLERK: Actor = { kind: 'clerk', id: 'c-007' };
export const PLATFORM: Actor = { kind: 'platform', id: 'hb-credit' };

/** Numbers a record's events in order on one device unless told otherwise. */
export class RecordLog {
  private seq = 0;
  readonly entries: RecordEventEntry[] = [];
  constructor(
    readonly recordId = 'rec-1',
    readonly deviceId = 'kiosk-01',
  ) {}

  entry<T extends RecordEventType>(
    type: T,
    payload: RecordEventPayload<T>,
    meta: Partial<Pick<RecordEventEntry, 'deviceId' | 'seq' | 'actor' | 'recordId'>> = {},
  ): RecordEventEntry {
    this.seq += 1;
    const deviceId = meta.deviceId ?? this.deviceId;
    const seq = meta.seq ?? this.seq;
    return {
      type,
      payload,
      eventId: `${deviceId}:${seq}`,
      recordId: meta.recordId ?? this.recordId,
      deviceId,
      seq,
      at: `2026-03-15T09:${String(this.seq).padStart(2, '0')}:00+08:00`,
      actor: meta.actor ?? CLERK,
    } as RecordEventEntry;
  }

  add<T extends RecordEventType>(
    type: T,
    payload: RecordEventPayload<T>,
    meta: Partial<Pick<RecordEventEntry, 'deviceId' | 'seq' | 'actor' | 'recordId'>> = {},
  ): this {
    this.entries.push(this.entry<T>(type, payload, meta));
    return this;
  }
}
