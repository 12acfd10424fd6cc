import type { Language, LocalizedText } from '../model';
import type { Entity, PersonRef } from '../entity';
import { calendarDay } from '../ids/calendar';
import type { Today } from '../ids/calendar';
import type { Catalogue, Matter } from '../catalogue/schema';
import { isInForce } from '../catalogue/select';
import { recordDeadlines } from '../deadlines/record-deadlines';

/**
 * The commitment letter (brief §5) as plain data in one language: the screen, the PDF, read-aloud
 * and the record's content all render this one value, and its hash is what the applicant signs.
 * Every word in it comes from the catalogue bundle or the applicant; none from code. It has no
 * optional fields so that it is canonical JSON as it stands.
 */

export const PART_IDS = [
  'notification',
  'general-commitments',
  'matter-commitments',
  'consequences',
  'disclosure-consent',
  'signer',
] as const;
export type PartId = (typeof PART_IDS)[number];

/** Lists are numbered from 1 by every renderer. */
export type DocumentBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'field'; readonly label: string; readonly value: string }
  | { readonly kind: 'list'; readonly label: string | null; readonly items: readonly string[] }
  /** Where the handwritten signature goes. */
  | { readonly kind: 'signature'; readonly label: string }
  /** Where the organisation's seal goes; present only when the matter requires one from this signer. */
  | { readonly kind: 'seal'; readonly label: string };

export type DocumentPart = {
  readonly id: PartId;
  readonly heading: string;
  readonly blocks: readonly DocumentBlock[];
};

export type CommitmentDocument = {
  readonly documentVersion: 1;
  readonly language: Language;
  readonly title: string;
  readonly catalogue: { readonly id: string; readonly version: number };
  readonly matter: {
    readonly code: string;
    readonly name: string;
    readonly templateVersion: string;
  };
  /** The letter's date, YYYY-MM-DD on the China calendar. */
  readonly preparedOn: string;
  readonly parts: readonly DocumentPart[];
};

export interface DocumentInput {
  readonly catalogue: Catalogue;
  readonly matterCode: string;
  /** As validated by shared/entity.ts; shown as given (the letter is the applicant's own). */
  readonly entity: Entity;
  readonly language: Language;
  /** When the letter is prepared; also decides whether the matter is in force. */
  readonly preparedAt: Today;
}

export type DocumentError =
  | 'unknown-matter'
  | 'matter-not-in-force'
  | 'entity-kind-not-allowed'
  | 'representative-required'
  | 'agent-required'
  | 'phone-required';

export type DocumentResult =
  | { readonly ok: true; readonly document: CommitmentDocument }
  | { readonly ok: false; readonly error: DocumentError };

/** Replaces each `{name}` in one pass, so that a value containing braces is never expanded again. */
function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function formatDate(day: string, template: string): string {
  const [y = '', mm = '', dd = ''] = day.split('-');
  return fill(template, { y, mm, dd, m: String(Number(mm)), d: String(Number(dd)) });
}

function entityProblem(matter: Matter, entity: Entity, day: string): DocumentError | undefined {
  if (!isInForce(matter, day)) return 'matter-not-in-force';
  if (!matter.entityKinds.includes(entity.kind)) return 'entity-kind-not-allowed';
  const organisation = entity.kind !== 'natural-person';
  if (organisation && matter.needsRepresentative && !entity.representative)
    return 'representative-required';
  if (organisation && matter.needsAgent && !entity.agent) return 'agent-required';
  if (matter.needsPhone && !entity.phone) return 'phone-required';
  return undefined;
}

export function buildCommitmentDocument(input: DocumentInput): DocumentResult {
  const { catalogue, entity, language } = input;
  const matter = catalogue.matters.find((m) => m.code === input.matterCode);
  if (!matter) return { ok: false, error: 'unknown-matter' };
  const day = calendarDay(input.preparedAt);
  const problem = entityProblem(matter, entity, day);
  if (problem) return { ok: false, error: problem };

  const general = catalogue.general;
  const labels = general.labels;
  const t = (text: LocalizedText): string => text[language];
  const ts = (texts: readonly LocalizedText[]): string[] => texts.map(t);
  const field = (label: LocalizedText, value: string): DocumentBlock => ({
    kind: 'field',
    label: t(label),
    value,
  });
  const list = (
    label: LocalizedText | undefined,
    items: readonly LocalizedText[],
  ): DocumentBlock => ({
    kind: 'list',
    label: label ? t(label) : null,
    items: ts(items),
  });
  const n = labels.notification;
  const s = labels.signer;
  // The same function fixes the record's deadlines from the letter's day, so the two agree.
  const deadlines = recordDeadlines(matter, catalogue.calendar, day);
  const checkedWithin =
    matter.supervision.dayCount === 'working' && n.checkedWithinWorkingDays
      ? n.checkedWithinWorkingDays
      : n.checkedWithin;
  const materialDue = n.materialDue ?? { 'zh-CN': '{name}', en: '{name}' };

  const person = (p: PersonRef): string =>
    p.idType !== undefined && p.idNumber !== undefined
      ? fill(t(labels.personWithId), {
          name: p.name,
          idType: t(labels.idTypes[p.idType]),
          idNumber: p.idNumber,
        })
      : p.name;
  const organisation = entity.kind !== 'natural-person';

  const notification: DocumentBlock[] = [
    { kind: 'paragraph', text: t(n.intro) },
    field(n.matterName, t(matter.name)),
    field(n.matterCode, matter.code),
    field(n.department, t(matter.department.name)),
    list(n.legalBasis, matter.legalBasis),
    list(n.conditions, matter.conditions),
    ...(matter.replacedMaterials.length > 0
      ? [list(n.replacedMaterials, matter.replacedMaterials)]
      : []),
    field(n.checkedBy, t(matter.supervision.checkedBy)),
    field(n.checkedWhat, t(matter.supervision.what)),
    field(n.checkedWhen, fill(t(checkedWithin), { days: String(matter.supervision.withinDays) })),
    ...(deadlines.materials.length > 0 && n.materialsToFollow && n.materialDue
      ? [
          {
            kind: 'list',
            label: t(n.materialsToFollow),
            items: deadlines.materials.map((m) =>
              fill(t(materialDue), {
                name: t(m.name),
                date: formatDate(m.dueBy, t(labels.dateFormat)),
              }),
            ),
          } as const,
        ]
      : []),
    field(n.consequences, t(general.falseCommitmentNotice)),
  ];

  const signer: DocumentBlock[] = [
    { kind: 'paragraph', text: t(general.signerDeclaration) },
    field(organisation ? s.organisationName : s.personName, entity.name),
    field(s.entityKind, t(labels.entityKinds[entity.kind])),
    field(labels.idTypes[entity.idType], entity.idNumber),
    ...(entity.representative ? [field(s.representative, person(entity.representative))] : []),
    ...(entity.agent ? [field(s.agent, person(entity.agent))] : []),
    ...(entity.phone ? [field(s.phone, entity.phone)] : []),
    ...(entity.address ? [field(s.address, entity.address)] : []),
    field(s.date, formatDate(day, t(labels.dateFormat))),
    { kind: 'signature', label: t(s.signature) },
    ...(organisation && matter.sealRequired ? [{ kind: 'seal', label: t(s.seal) } as const] : []),
  ];

  const h = labels.headings;
  const part = (
    id: PartId,
    heading: LocalizedText,
    blocks: readonly DocumentBlock[],
  ): DocumentPart => ({
    id,
    heading: t(heading),
    blocks,
  });
  return {
    ok: true,
    document: {
      documentVersion: 1,
      language,
      title: t(labels.titleByType[matter.commitmentType]),
      catalogue: { id: catalogue.catalogueId, version: catalogue.version },
      matter: { code: matter.code, name: t(matter.name), templateVersion: matter.templateVersion },
      preparedOn: day,
      parts: [
        part('notification', h.notification, notification),
        part('general-commitments', h.generalCommitments, [
          list(
            labels.generalIntro,
            general.items.filter((_, i) => !(matter.omitGeneralItems ?? []).includes(i + 1)),
          ),
        ]),
        part('matter-commitments', h.matterCommitments, [list(labels.matterIntro, matter.items)]),
        part('consequences', h.consequences, [
          list(general.consequencesPreamble, matter.consequences),
        ]),
        part('disclosure-consent', h.disclosureConsent, [
          { kind: 'paragraph', text: t(general.disclosureConsent) },
        ]),
        part('signer', h.signer, signer),
      ],
    },
  };
}
