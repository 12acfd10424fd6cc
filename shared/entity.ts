/**
 * The committing entity (承诺主体) as the kiosk form captures it and the record stores it.
 * `EntitySchema` is the stored shape; `validateEntity` turns raw form input into it, applying
 * the identifier, name and phone rules of `shared/ids`. Validity of a birth date depends on
 * "today", so the full check lives in `validateEntity`, not in the schema.
 */
import { z } from 'zod';
import { EntityKindSchema, IdDocumentTypeSchema } from './model';
import type { EntityKind, IdDocumentType } from './model';
import type { Today } from './ids/calendar';
import { validateOrganisationName, validatePersonName, validatePhone } from './ids/contact';
import type { NameError, NameResult, PhoneError } from './ids/contact';
import { isDocumentTypeAllowed, validateIdDocument } from './ids/document';
import { TEXT_RULES } from './fields/rules';
import { checkText, forbiddenCharacter } from './fields/text';
import type { IdDocumentError, IdDocumentWarning } from './ids/document';

export const ENTITY_LIMITS = {
  name: 200,
  personName: 100,
  idNumber: 64,
  phone: 32,
  address: 500,
  /** Bound on any raw form string, so hostile input is refused before any real work. */
  rawText: 1000,
} as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);

/** A person acting for the entity: the legal representative (法定代表人/负责人) or an agent (经办人). */
export const PersonRefSchema = z
  .object({
    name: trimmed(ENTITY_LIMITS.personName),
    idType: IdDocumentTypeSchema.optional(),
    idNumber: trimmed(ENTITY_LIMITS.idNumber).optional(),
  })
  .strict();
export type PersonRef = z.infer<typeof PersonRefSchema>;

export const EntitySchema = z
  .object({
    kind: EntityKindSchema,
    name: trimmed(ENTITY_LIMITS.name),
    idType: IdDocumentTypeSchema,
    /** Normalised: upper-case, half-width, no spaces. */
    idNumber: trimmed(ENTITY_LIMITS.idNumber),
    /** Legal persons and unincorporated organisations: required (at least the name). */
    representative: PersonRefSchema.optional(),
    /** Whoever stands at the kiosk for the entity; identified by a personal document. */
    agent: PersonRefSchema.optional(),
    /** '13812345678' or '0311-12345678'. */
    phone: trimmed(ENTITY_LIMITS.phone).optional(),
    address: trimmed(ENTITY_LIMITS.address).optional(),
  })
  .strict();
export type Entity = z.infer<typeof EntitySchema>;

/** Who puts pen to the letter: the person, or for an organisation its agent, else its representative. */
export function signerName(entity: Entity): string {
  if (entity.kind === 'natural-person') return entity.name;
  return entity.agent?.name ?? entity.representative?.name ?? '';
}

export type EntityIssueCode =
  | 'required'
  | 'invalid'
  | 'too-long'
  | 'document-type-not-allowed'
  | 'not-applicable'
  | NameError
  | IdDocumentError
  | PhoneError;

export interface EntityIssue {
  /** Dotted path of the form field, e.g. 'representative.idNumber'. */
  readonly field: string;
  readonly code: EntityIssueCode;
  /** Limits of a too-short / too-long value, so the message states them. */
  readonly min?: number;
  readonly max?: number;
  /** For a wrong-length identifier: how many characters it has. */
  readonly length?: number;
  /** A refused character, as 'U+202E' (or '<' for markup). */
  readonly char?: string;
}

type IssueDetail = Omit<EntityIssue, 'field' | 'code'>;

export interface EntityWarning {
  readonly field: string;
  readonly code: IdDocumentWarning;
}

export type EntityValidation =
  | { readonly ok: true; readonly entity: Entity; readonly warnings: readonly EntityWarning[] }
  | { readonly ok: false; readonly issues: readonly EntityIssue[] };

const rawText = z.string().max(ENTITY_LIMITS.rawText);
const RawPersonSchema = z.object({
  name: rawText.optional(),
  idType: IdDocumentTypeSchema.optional(),
  idNumber: rawText.optional(),
});
/** What the form hands over: every text as typed, optional fields possibly empty. */
const RawEntitySchema = z.object({
  kind: EntityKindSchema,
  name: rawText,
  idType: IdDocumentTypeSchema,
  idNumber: rawText,
  representative: RawPersonSchema.optional(),
  agent: RawPersonSchema.optional(),
  phone: rawText.optional(),
  address: rawText.optional(),
});
type RawPerson = z.infer<typeof RawPersonSchema>;

function isBlank(text: string | undefined): text is undefined {
  return text === undefined || text.trim() === '';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** The limit a form states for each raw field, by the last part of its path. */
const STATED_MAX: Readonly<Record<string, number>> = {
  name: TEXT_RULES.personName.max,
  idNumber: TEXT_RULES.idNumber.max,
  phone: TEXT_RULES.phone.max,
  address: TEXT_RULES.address.max,
};

function structuralIssues(input: unknown, error: z.ZodError): EntityIssue[] {
  return error.issues.map((issue): EntityIssue => {
    const field = issue.path.map(String).join('.');
    if (issue.code === 'too_big') {
      const max = STATED_MAX[String(issue.path.at(-1))];
      return { field, code: 'too-long', ...(max !== undefined ? { max } : {}) };
    }
    return { field, code: valueAt(input, issue.path) === undefined ? 'required' : 'invalid' };
  });
}

/**
 * Checks raw form input against all rules and returns the normalised entity, or every issue
 * found (so the form can mark all fields at once). `today` dates the birth-date checks.
 */
export function validateEntity(input: unknown, today: Today): EntityValidation {
  const parsed = RawEntitySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: structuralIssues(input, parsed.error) };
  const raw = parsed.data;
  const issues: EntityIssue[] = [];
  const warnings: EntityWarning[] = [];
  const report: Report = (field, code, detail = {}) => {
    issues.push({ field, code, ...detail });
    return undefined;
  };

  const organisation = raw.kind !== 'natural-person';
  const name = checkName(
    organisation ? validateOrganisationName(raw.name) : validatePersonName(raw.name),
    'name',
    report,
  );
  const idNumber = checkDocument(
    raw.kind,
    raw.idType,
    raw.idNumber,
    'idNumber',
    today,
    report,
    warnings,
  );

  let representative: PersonRef | undefined;
  if (organisation) {
    representative = checkPerson(raw.representative ?? {}, 'representative', false, today, report);
  } else if (raw.representative !== undefined) {
    report('representative', 'not-applicable');
  }
  const agent =
    raw.agent === undefined ? undefined : checkPerson(raw.agent, 'agent', true, today, report);

  let phone: string | undefined;
  if (!isBlank(raw.phone)) {
    const result = validatePhone(raw.phone);
    phone = result.ok ? result.value : report('phone', result.error);
  }
  let address: string | undefined;
  if (!isBlank(raw.address)) {
    const checked = checkText(raw.address, { ...TEXT_RULES.address, min: 1 });
    address = checked.ok
      ? checked.value
      : report('address', checked.issue.code as EntityIssueCode, detailOf(checked.issue));
  }

  if (issues.length > 0 || name === undefined || idNumber === undefined) {
    return { ok: false, issues };
  }
  const entity: Entity = {
    kind: raw.kind,
    name,
    idType: raw.idType,
    idNumber,
    ...(representative ? { representative } : {}),
    ...(agent ? { agent } : {}),
    ...(phone ? { phone } : {}),
    ...(address ? { address } : {}),
  };
  return { ok: true, entity, warnings };
}

type Report = (field: string, code: EntityIssueCode, detail?: IssueDetail) => undefined;

function detailOf(from: {
  readonly min?: number | string;
  readonly max?: number | string;
  readonly length?: number;
  readonly char?: string;
}): IssueDetail {
  return {
    ...(typeof from.min === 'number' ? { min: from.min } : {}),
    ...(typeof from.max === 'number' ? { max: from.max } : {}),
    ...(from.length !== undefined ? { length: from.length } : {}),
    ...(from.char !== undefined ? { char: from.char } : {}),
  };
}

function checkName(result: NameResult, field: string, report: Report): string | undefined {
  return result.ok ? result.value : report(field, result.error, detailOf(result));
}

function checkDocument(
  kind: EntityKind,
  type: IdDocumentType,
  raw: string,
  field: string,
  today: Today,
  report: Report,
  warnings: EntityWarning[],
): string | undefined {
  if (!isDocumentTypeAllowed(kind, type)) return report(field, 'document-type-not-allowed');
  const result = validateIdDocument(type, raw, today);
  if (!result.ok) {
    const { length, expected, char } = result;
    return report(field, result.error, {
      ...(expected !== undefined ? { min: expected, max: expected } : {}),
      ...detailOf({ ...(length !== undefined ? { length } : {}), ...(char ? { char } : {}) }),
    });
  }
  for (const code of result.warnings) warnings.push({ field, code });
  return result.value;
}

/**
 * A representative needs a name; an agent also needs a personal document, since the agent is
 * the one identified at the kiosk. A document, when given, must be complete and valid.
 */
function checkPerson(
  raw: RawPerson,
  path: 'representative' | 'agent',
  documentRequired: boolean,
  today: Today,
  report: Report,
): PersonRef | undefined {
  const name = isBlank(raw.name)
    ? report(`${path}.name`, 'required')
    : checkName(validatePersonName(raw.name), `${path}.name`, report);

  const hasNumber = !isBlank(raw.idNumber);
  if (raw.idType === undefined && !hasNumber && !documentRequired) {
    return name === undefined ? undefined : { name };
  }
  if (raw.idType === undefined) return report(`${path}.idType`, 'required');
  if (!hasNumber) return report(`${path}.idNumber`, 'required');
  const idNumber = checkDocument(
    'natural-person',
    raw.idType,
    raw.idNumber ?? '',
    `${path}.idNumber`,
    today,
    report,
    [],
  );
  return name === undefined || idNumber === undefined
    ? undefined
    : { name, idType: raw.idType, idNumber };
}

/**
 * The name and character rules applied again to an entity about to be signed (the store calls
 * this), so that a record which went around the kiosk's form is refused all the same. Only for
 * new records: a stored entity is read with `EntitySchema` alone and always displays.
 */
export function entityTextIssues(entity: Entity): EntityIssue[] {
  const issues: EntityIssue[] = [];
  const report: Report = (field, code, detail = {}) => {
    issues.push({ field, code, ...detail });
    return undefined;
  };
  const person = (name: string, field: string) =>
    checkName(validatePersonName(name), field, report);
  if (entity.kind === 'natural-person') person(entity.name, 'name');
  else checkName(validateOrganisationName(entity.name), 'name', report);
  if (entity.representative) person(entity.representative.name, 'representative.name');
  if (entity.agent) person(entity.agent.name, 'agent.name');
  const plain: readonly [string, string | undefined][] = [
    ['idNumber', entity.idNumber],
    ['representative.idNumber', entity.representative?.idNumber],
    ['agent.idNumber', entity.agent?.idNumber],
    ['phone', entity.phone],
    ['address', entity.address],
  ];
  for (const [field, value] of plain) {
    const bad = value === undefined ? null : forbiddenCharacter(value);
    if (bad) report(field, bad.code, { char: bad.char });
  }
  return issues;
}
