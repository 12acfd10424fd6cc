/**
 * All masking of personal data happens here (brief §7). What goes to the platform is unmasked;
 * masking applies wherever a record is shown: public screens and queries, printed lists, exports.
 * Organisations' names and credit codes are public and never masked.
 */
import type { Entity, PersonRef } from '../entity';
import type { IdDocumentType } from '../model';

/**
 * - public: public screens, public query, printed public lists. Names and ID numbers of
 *   natural persons masked; phones and addresses removed.
 * - internal: staff screens and exports. Names in full, ID numbers masked, phones as first 3 +
 *   last 4, addresses shown.
 * - platform: the sharing platform (between government bodies). Unmasked.
 */
export type Audience = 'public' | 'internal' | 'platform';

export interface MaskingRules {
  /** Characters of an ID number kept at the start and at the end. */
  readonly idKeepStart: number;
  readonly idKeepEnd: number;
  /** Digits of a phone number kept at the start and at the end (internal audience). */
  readonly phoneKeepStart: number;
  readonly phoneKeepEnd: number;
  /**
   * At least this share of an ID or phone number stays hidden: a short passport or permit
   * number keeps fewer characters than the rule above rather than showing almost all of them.
   */
  readonly minHiddenShare: number;
  readonly maskChar: string;
  /** Two-character surnames kept whole (only when the name is longer than the surname). */
  readonly compoundSurnames: readonly string[];
}

export const DEFAULT_MASKING_RULES: MaskingRules = {
  idKeepStart: 6,
  idKeepEnd: 4,
  phoneKeepStart: 3,
  phoneKeepEnd: 4,
  minHiddenShare: 0.35,
  maskChar: '*',
  compoundSurnames: (
    '欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 令狐 夏侯 ' +
    '司徒 司空 宇文 轩辕 端木 独孤 南宫 西门 澹台 公冶 申屠 太史'
  ).split(' '),
};

const HAN_START = /^\p{Script=Han}/u;
const WORD_SEPARATORS = /[\s·]+/u;

/**
 * Surname kept, given name replaced by one mask character so its length is not revealed:
 * '张三' → '张*', '欧阳娜娜' → '欧阳*'. Names in other scripts keep each word's first letter:
 * 'John Smith' → 'J* S*'. A one-character name is hidden entirely.
 */
export function maskPersonName(name: string, rules: MaskingRules = DEFAULT_MASKING_RULES): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return rules.maskChar;
  if (HAN_START.test(chars[0] ?? '')) {
    const two = chars.slice(0, 2).join('');
    const surname = chars.length > 2 && rules.compoundSurnames.includes(two) ? two : chars[0];
    return `${surname ?? ''}${rules.maskChar}`;
  }
  return name
    .trim()
    .split(WORD_SEPARATORS)
    .map((word) => `${[...word][0] ?? ''}${rules.maskChar}`)
    .join(' ');
}

/** How many characters to keep at each end so that at least `minHiddenShare` stays hidden. */
function keptEnds(length: number, start: number, end: number, minHiddenShare: number) {
  const maxKept = Math.max(0, length - Math.ceil(length * minHiddenShare));
  let keepStart = Math.max(0, start);
  let keepEnd = Math.max(0, end);
  while (keepStart + keepEnd > maxKept) {
    if (keepStart > keepEnd) keepStart -= 1;
    else keepEnd -= 1;
  }
  return { keepStart, keepEnd };
}

/** '130102199003071233' → '130102********1233' with the default rule. */
export function maskIdNumber(id: string, rules: MaskingRules = DEFAULT_MASKING_RULES): string {
  const chars = [...id];
  const { keepStart, keepEnd } = keptEnds(
    chars.length,
    rules.idKeepStart,
    rules.idKeepEnd,
    rules.minHiddenShare,
  );
  return chars
    .map((c, i) => (i < keepStart || i >= chars.length - keepEnd ? c : rules.maskChar))
    .join('');
}

/**
 * Internal: first 3 and last 4 digits, separators kept ('138****5678', '031*-****5678').
 * Public: null, never shown (the UI decides what to print instead). Platform: unchanged.
 */
export function maskPhone(
  phone: string,
  audience: Audience,
  rules: MaskingRules = DEFAULT_MASKING_RULES,
): string | null {
  if (audience === 'platform') return phone;
  if (audience === 'public') return null;
  const digitCount = phone.replace(/\D/gu, '').length;
  const { keepStart, keepEnd } = keptEnds(
    digitCount,
    rules.phoneKeepStart,
    rules.phoneKeepEnd,
    rules.minHiddenShare,
  );
  let seen = 0;
  return phone.replace(/\d/gu, (digit) => {
    const index = seen;
    seen += 1;
    return index < keepStart || index >= digitCount - keepEnd ? digit : rules.maskChar;
  });
}

/** Addresses are never published. */
export function maskAddress(address: string, audience: Audience): string | null {
  return audience === 'public' ? null : address;
}

export interface DisplayPerson {
  readonly name: string;
  readonly idType?: IdDocumentType;
  readonly idNumber?: string;
}

/** An entity prepared for one audience; never stored or sent back as an `Entity`. */
export interface DisplayEntity {
  readonly audience: Audience;
  readonly kind: Entity['kind'];
  readonly name: string;
  readonly idType: IdDocumentType;
  readonly idNumber: string;
  readonly representative?: DisplayPerson;
  readonly agent?: DisplayPerson;
  readonly phone?: string;
  readonly address?: string;
}

function maskPerson(
  person: PersonRef,
  audience: Audience,
  rules: MaskingRules,
  nameIsPublic: boolean,
): DisplayPerson {
  const name =
    audience === 'public' && !nameIsPublic ? maskPersonName(person.name, rules) : person.name;
  return {
    name,
    ...(person.idType ? { idType: person.idType } : {}),
    ...(person.idNumber ? { idNumber: maskIdNumber(person.idNumber, rules) } : {}),
  };
}

/**
 * The one way to show an entity. An organisation's legal representative is named on its public
 * licence, so the name stays; every person's own ID number is masked outside the platform.
 */
export function maskEntityForAudience(
  entity: Entity,
  audience: Audience,
  rules: MaskingRules = DEFAULT_MASKING_RULES,
): DisplayEntity {
  if (audience === 'platform') return { audience, ...entity };
  const person = entity.kind === 'natural-person';
  const phone = entity.phone === undefined ? null : maskPhone(entity.phone, audience, rules);
  const address = entity.address === undefined ? null : maskAddress(entity.address, audience);
  return {
    audience,
    kind: entity.kind,
    name: person && audience === 'public' ? maskPersonName(entity.name, rules) : entity.name,
    idType: entity.idType,
    idNumber: person ? maskIdNumber(entity.idNumber, rules) : entity.idNumber,
    ...(entity.representative
      ? { representative: maskPerson(entity.representative, audience, rules, true) }
      : {}),
    ...(entity.agent ? { agent: maskPerson(entity.agent, audience, rules, false) } : {}),
    ...(phone === null ? {} : { phone }),
    ...(address === null ? {} : { address }),
  };
}
