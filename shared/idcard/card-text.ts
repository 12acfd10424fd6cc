/**
 * The 256-byte text a reader returns for a second-generation resident ID card: UCS-2
 * little-endian fields padded with spaces (id-card-reader.md, "The 256-byte text"). Decoding
 * checks every field, and the identity number with its check digit (brief §3), and that the
 * card's own birth date and sex agree with its number: a card that fails any check is refused
 * with the field named, never half-filled into a form.
 */
import { calendarDay, isRealDate, type Today } from '../ids/calendar';
import { validateResidentId } from '../ids/resident-id';

export const CARD_TEXT_BYTES = 256;
export const CARD_PHOTO_BYTES = 1024;
/** How a card says it never expires. */
export const LONG_TERM_ON_CARD = '长期';

/** Byte offset and width of each field. */
export const CARD_TEXT_LAYOUT = {
  name: [0, 30],
  sex: [30, 2],
  nation: [32, 4],
  birth: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  authority: [158, 30],
  validFrom: [188, 16],
  validUntil: [204, 16],
  /** Later card kinds mark themselves here ('I' foreigner's permanent residence, 'J' permit). */
  cardType: [248, 2],
} as const;
type Field = keyof typeof CARD_TEXT_LAYOUT;

/** The fields as they stand on a card, before any checks (what a simulator writes). */
export interface RawCardText {
  readonly name: string;
  /** GB/T 2261.1: '1' male, '2' female. */
  readonly sex: string;
  /** GB 3304 two-digit code: '01' Han. */
  readonly nation: string;
  /** YYYYMMDD. */
  readonly birth: string;
  readonly address: string;
  readonly idNumber: string;
  readonly authority: string;
  /** YYYYMMDD. */
  readonly validFrom: string;
  /** YYYYMMDD or 长期. */
  readonly validUntil: string;
  /** ' ' (or '') for a resident ID card. */
  readonly cardType?: string;
}

/** A decoded and checked resident ID card. Days are 'YYYY-MM-DD'. */
export interface IdCardText {
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly nationCode: string;
  readonly birthDate: string;
  readonly address: string;
  readonly idNumber: string;
  readonly authority: string;
  readonly validFrom: string;
  readonly validUntil: string | 'long-term';
}

export type CardTextError =
  | 'text-length'
  /** A control, format (bidi, zero-width), private-use or unpaired surrogate character, or markup. */
  | 'character'
  | 'card-type'
  | 'name'
  | 'sex'
  | 'nation'
  | 'birth-date'
  | 'address'
  | 'id-number'
  /** The number's birth date or sex differs from the card's own fields. */
  | 'id-mismatch'
  | 'authority'
  | 'valid-from'
  | 'valid-until'
  /** The card would expire before it became valid, or became valid before its holder's birth. */
  | 'validity-order';

export type CardTextResult =
  | { readonly ok: true; readonly card: IdCardText }
  | { readonly ok: false; readonly error: CardTextError };

// Controls, format characters (bidi overrides, zero-width), surrogates, private use, the
// replacement character, and markup: nothing a card prints.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\uFFFD<>]/u;
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;

function decodeUcs2(bytes: Uint8Array, from: number, width: number): string {
  let out = '';
  for (let i = from; i + 1 < from + width; i += 2) {
    out += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  }
  // Padding is spaces; some modules pad with NUL.
  return out.replace(/[ \0]+$/u, '');
}

function field(bytes: Uint8Array, name: Field): string {
  const [from, width] = CARD_TEXT_LAYOUT[name];
  return decodeUcs2(bytes, from, width);
}

/** 'YYYYMMDD' to 'YYYY-MM-DD' when it is a real day, else undefined. */
function cardDay(text: string): string | undefined {
  const match = YYYYMMDD.exec(text);
  if (!match) return undefined;
  const [, y = '', m = '', d = ''] = match;
  if (Number(y) < 1900 || !isRealDate(Number(y), Number(m), Number(d))) return undefined;
  return `${y}-${m}-${d}`;
}

/** Decodes and checks the text of a card against `today` (no birth date in the future). */
export function decodeCardText(bytes: Uint8Array, today: Today): CardTextResult {
  const fail = (error: CardTextError): CardTextResult => ({ ok: false, error });
  if (bytes.length !== CARD_TEXT_BYTES) return fail('text-length');
  const raw = Object.fromEntries(
    (Object.keys(CARD_TEXT_LAYOUT) as Field[]).map((name) => [name, field(bytes, name)]),
  ) as Record<Field, string>;
  if (Object.values(raw).some((value) => FORBIDDEN.test(value))) return fail('character');
  if (raw.cardType !== '') return fail('card-type');

  const name = raw.name.trim();
  if (name.length < 1 || name.length > 15) return fail('name');
  const sex = raw.sex === '1' ? 'male' : raw.sex === '2' ? 'female' : undefined;
  if (!sex) return fail('sex');
  if (!/^\d{2}$/.test(raw.nation) || raw.nation === '00') return fail('nation');
  const birthDate = cardDay(raw.birth);
  if (!birthDate || birthDate > calendarDay(today)) return fail('birth-date');
  const address = raw.address.trim();
  if (address.length < 1) return fail('address');

  if (!/^\d{17}[\dX]$/.test(raw.idNumber)) return fail('id-number');
  const id = validateResidentId(raw.idNumber, today);
  if (!id.ok) return fail('id-number');
  if (id.birthDate !== birthDate || id.sex !== sex) return fail('id-mismatch');

  const authority = raw.authority.trim();
  if (authority.length < 1) return fail('authority');
  const validFrom = cardDay(raw.validFrom);
  if (!validFrom) return fail('valid-from');
  const until = raw.validUntil === LONG_TERM_ON_CARD ? 'long-term' : cardDay(raw.validUntil);
  if (!until) return fail('valid-until');
  if (validFrom < birthDate || (until !== 'long-term' && until <= validFrom)) {
    return fail('validity-order');
  }

  return {
    ok: true,
    card: {
      name,
      sex,
      nationCode: raw.nation,
      birthDate,
      address,
      idNumber: id.value,
      authority,
      validFrom,
      validUntil: until,
    },
  };
}

function encodeUcs2Into(out: Uint8Array, name: Field, text: string): void {
  const [from, width] = CARD_TEXT_LAYOUT[name];
  if (text.length * 2 > width) throw new RangeError(`${name}: more than ${width / 2} characters`);
  for (let i = 0; i < width / 2; i += 1) {
    const unit = i < text.length ? text.charCodeAt(i) : 0x20;
    out[from + i * 2] = unit & 0xff;
    out[from + i * 2 + 1] = unit >> 8;
  }
}

/** Writes a card's text as a reader returns it (for the simulator and tests). */
export function encodeCardText(raw: RawCardText): Uint8Array {
  const out = new Uint8Array(CARD_TEXT_BYTES);
  // Reserved bytes are spaces too.
  for (let i = 0; i < CARD_TEXT_BYTES; i += 2) out[i] = 0x20;
  for (const name of Object.keys(CARD_TEXT_LAYOUT) as Field[]) {
    encodeUcs2Into(out, name, name === 'cardType' ? (raw.cardType ?? '') : raw[name]);
  }
  return out;
}

export type CardStanding = 'valid' | 'expired' | 'not-yet-valid';

/**
 * Whether the card may identify its holder on `today` (China's calendar day): valid from its
 * first day through its last day inclusive; a 长期 card never expires.
 */
export function cardStanding(
  card: Pick<IdCardText, 'validFrom' | 'validUntil'>,
  today: Today,
): CardStanding {
  const day = calendarDay(today);
  if (day < card.validFrom) return 'not-yet-valid';
  if (card.validUntil !== 'long-term' && day > card.validUntil) return 'expired';
  return 'valid';
}

export type ReadDataError = 'read-data';

/**
 * Splits the data of a "read text and photo" answer: text length (2, BE), photo length (2, BE),
 * the text, the photo. The text must be the 256-byte layout; the photo at most 1,024 bytes.
 */
export function splitReadData(
  data: Uint8Array,
):
  | { readonly ok: true; readonly text: Uint8Array; readonly photo: Uint8Array }
  | { readonly ok: false; readonly error: ReadDataError } {
  if (data.length < 4) return { ok: false, error: 'read-data' };
  const textLen = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
  const photoLen = ((data[2] ?? 0) << 8) | (data[3] ?? 0);
  if (textLen !== CARD_TEXT_BYTES || photoLen > CARD_PHOTO_BYTES) {
    return { ok: false, error: 'read-data' };
  }
  if (data.length !== 4 + textLen + photoLen) return { ok: false, error: 'read-data' };
  return { ok: true, text: data.slice(4, 4 + textLen), photo: data.slice(4 + textLen) };
}

/** The data of a "read text and photo" answer (for the simulator and tests). */
export function joinReadData(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}
