import { z } from 'zod';
import {
  COMMITMENT_TYPES,
  CommitmentTypeSchema,
  DateSchema,
  ENTITY_KINDS,
  EntityKindSchema,
  ID_DOCUMENT_TYPES,
  InstantSchema,
  LocalizedTextSchema,
} from '../model';
import { isDivisionCode } from '../record/commitment-code';
import { validateUscc } from '../ids/uscc';
import { DayCountSchema, WorkingCalendarSchema } from '../deadlines/calendar';
import { MaterialIdSchema } from '../deadlines/schema';

/**
 * The hall's matter catalogue (brief §4) as one versioned, platform-signed bundle.
 *
 * Every object is strict: a field this version does not know is refused rather than silently
 * dropped, so what the device shows is exactly what the platform signed. Custom refinements
 * report a machine code as their message (e.g. 'duplicate-matter-code') for the catalogue
 * diagnostics; the UI never shows zod text.
 */

/** The organ's credit code: valid and already normalised, since records copy it as the accepting organ's. */
const CreditCodeSchema = z.string().refine((code) => {
  const checked = validateUscc(code);
  return checked.ok && checked.value === code;
}, 'bad-credit-code');

/** The hall: its 6-digit division code, a dash, and a short suffix that tells halls of one place apart. */
export const HallCodeSchema = z
  .string()
  .regex(/^\d{6}-[0-9A-Z]{1,8}$/)
  .refine((code) => isDivisionCode(code.slice(0, 6)), 'bad-division-code');

/** Catalogue-local matter code: upper-case letters and digits in dash-separated groups. */
export const MatterCodeSchema = z.string().regex(/^[0-9A-Z]{1,12}(-[0-9A-Z]{1,12}){0,3}$/);

/** Letters, digits, dots and dashes, e.g. 'HB-FOOD-2026.1'. */
const TemplateVersionSchema = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/);

const Texts = z.array(LocalizedTextSchema);
const NonEmptyTexts = Texts.min(1);

/** A localized template that must contain each of the given placeholders, e.g. '{days}'. */
function templateWith(...placeholders: string[]) {
  return LocalizedTextSchema.refine(
    (t) => placeholders.every((p) => t['zh-CN'].includes(p) && t.en.includes(p)),
    'missing-placeholder',
  );
}

/** One entry per member of a closed set (zod records over an enum are exhaustive), so that a new kind or type cannot go unlabelled. */
function labelsFor<const T extends readonly [string, ...string[]]>(keys: T) {
  return z.record(z.enum(keys), LocalizedTextSchema);
}

/**
 * The letter's fixed wording. It travels inside the signed bundle (rather than in the app) so that
 * a letter is fully determined by the catalogue version and the applicant's input: an app update
 * can never change the text, and so the hash, of a letter already signed.
 */
export const DocumentLabelsSchema = z.strictObject({
  titleByType: labelsFor(COMMITMENT_TYPES),
  headings: z.strictObject({
    notification: LocalizedTextSchema,
    generalCommitments: LocalizedTextSchema,
    matterCommitments: LocalizedTextSchema,
    consequences: LocalizedTextSchema,
    disclosureConsent: LocalizedTextSchema,
    signer: LocalizedTextSchema,
  }),
  notification: z.strictObject({
    intro: LocalizedTextSchema,
    matterName: LocalizedTextSchema,
    matterCode: LocalizedTextSchema,
    department: LocalizedTextSchema,
    legalBasis: LocalizedTextSchema,
    conditions: LocalizedTextSchema,
    replacedMaterials: LocalizedTextSchema,
    checkedBy: LocalizedTextSchema,
    checkedWhat: LocalizedTextSchema,
    checkedWhen: LocalizedTextSchema,
    /** The time limit itself; contains '{days}'. */
    checkedWithin: templateWith('{days}'),
    /** The same in working days; needed once a matter counts its check in working days. */
    checkedWithinWorkingDays: templateWith('{days}').optional(),
    /** Heading of the materials to follow (容缺受理); needed once a matter has any. */
    materialsToFollow: LocalizedTextSchema.optional(),
    /** One material and the day it is due, e.g. '{name}（{date}前补交）'. */
    materialDue: templateWith('{name}', '{date}').optional(),
    consequences: LocalizedTextSchema,
  }),
  generalIntro: LocalizedTextSchema,
  matterIntro: LocalizedTextSchema,
  signer: z.strictObject({
    organisationName: LocalizedTextSchema,
    personName: LocalizedTextSchema,
    entityKind: LocalizedTextSchema,
    representative: LocalizedTextSchema,
    agent: LocalizedTextSchema,
    phone: LocalizedTextSchema,
    address: LocalizedTextSchema,
    date: LocalizedTextSchema,
    signature: LocalizedTextSchema,
    seal: LocalizedTextSchema,
  }),
  entityKinds: labelsFor(ENTITY_KINDS),
  idTypes: labelsFor(ID_DOCUMENT_TYPES),
  /** How a person is written with an identifier, e.g. '{name}（{idType}：{idNumber}）'. */
  personWithId: templateWith('{name}', '{idType}', '{idNumber}'),
  /** The letter's date, from '{y}', '{m}', '{d}' (unpadded) and '{mm}', '{dd}' (zero-padded). */
  dateFormat: LocalizedTextSchema,
});
export type DocumentLabels = z.infer<typeof DocumentLabelsSchema>;

export const GeneralSectionSchema = z.strictObject({
  templateVersion: TemplateVersionSchema,
  /** The general commitment items of brief §5, in the project's own words. */
  items: NonEmptyTexts,
  /** The organ's general notice of what a false commitment leads to; the matter's own list follows in part 4. */
  falseCommitmentNotice: LocalizedTextSchema,
  disclosureConsent: LocalizedTextSchema,
  /** Opens the consequences part: the applicant's acknowledgement of the matter's consequences. */
  consequencesPreamble: LocalizedTextSchema.optional(),
  signerDeclaration: LocalizedTextSchema,
  labels: DocumentLabelsSchema,
});
export type GeneralSection = z.infer<typeof GeneralSectionSchema>;

export const LEVELS = ['province', 'city', 'county'] as const;
export type Level = (typeof LEVELS)[number];

/** A material an acceptance with materials to follow (容缺受理) takes later, and its time limit. */
export const MaterialToFollowSchema = z.strictObject({
  id: MaterialIdSchema,
  name: LocalizedTextSchema,
  withinDays: z.number().int().min(1).max(365),
  /** Absent: calendar days. */
  dayCount: DayCountSchema.optional(),
});
export type MaterialToFollow = z.infer<typeof MaterialToFollowSchema>;

export const MatterSchema = z
  .strictObject({
    code: MatterCodeSchema,
    name: LocalizedTextSchema,
    department: z.strictObject({
      code: z.string().regex(/^[0-9A-Z]{1,20}$/),
      name: LocalizedTextSchema,
    }),
    level: z.enum(LEVELS),
    commitmentType: CommitmentTypeSchema,
    /** The type's own name, which the collection standard asks for when the type is 'other'. */
    otherTypeName: LocalizedTextSchema.optional(),
    legalBasis: NonEmptyTexts,
    conditions: NonEmptyTexts,
    /** May be empty: a voluntary commitment replaces nothing. */
    replacedMaterials: Texts,
    /** The matter's own commitment items, on top of the general ones. */
    items: NonEmptyTexts,
    /**
     * General items (1-based) that are untrue by the matter's nature and so not in its letter: a
     * credit-repair matter is made by an entity with an unrepaired record, so it leaves out "I have
     * no unrepaired dishonesty record".
     */
    omitGeneralItems: z.array(z.number().int().min(1)).max(20).optional(),
    consequences: NonEmptyTexts,
    supervision: z.strictObject({
      checkedBy: LocalizedTextSchema,
      what: LocalizedTextSchema,
      withinDays: z.number().int().min(1).max(3650),
      /** Absent: calendar days. */
      dayCount: DayCountSchema.optional(),
    }),
    /** Only for 'acceptance-pending-materials': what is handed in later, by when. */
    materialsToFollow: z.array(MaterialToFollowSchema).min(1).max(20).optional(),
    entityKinds: z.array(EntityKindSchema).min(1, 'no-entity-kind'),
    /** Organisations must name their legal representative or person in charge. */
    needsRepresentative: z.boolean(),
    /** Organisations must name the person handling the matter for them. */
    needsAgent: z.boolean(),
    needsPhone: z.boolean(),
    /** Organisations seal the letter as well as sign it. */
    sealRequired: z.boolean(),
    effectiveFrom: DateSchema,
    /** Last day in force, inclusive; absent: until replaced. */
    effectiveTo: DateSchema.optional(),
    /**
     * How long a commitment made for the matter is valid (brief §9 "valid until"), in years from
     * the day it is made; null: without a time limit; absent: one year.
     */
    validForYears: z.number().int().min(1).max(30).nullable().optional(),
    templateVersion: TemplateVersionSchema,
    /** Extra search terms in either language (colloquial names, old names). */
    keywords: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.effectiveTo !== undefined && m.effectiveTo <= m.effectiveFrom) {
      ctx.addIssue({
        code: 'custom',
        message: 'effective-to-not-after-from',
        path: ['effectiveTo'],
      });
    }
    if ((m.commitmentType === 'other') !== (m.otherTypeName !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'other-type-name-mismatch',
        path: ['otherTypeName'],
      });
    }
    if (new Set(m.entityKinds).size !== m.entityKinds.length) {
      ctx.addIssue({ code: 'custom', message: 'duplicate-entity-kind', path: ['entityKinds'] });
    }
    if (m.materialsToFollow !== undefined) {
      if (m.commitmentType !== 'acceptance-pending-materials') {
        ctx.addIssue({
          code: 'custom',
          message: 'materials-on-other-type',
          path: ['materialsToFollow'],
        });
      }
      const ids = m.materialsToFollow.map((x) => x.id);
      if (new Set(ids).size !== ids.length) {
        ctx.addIssue({
          code: 'custom',
          message: 'duplicate-material',
          path: ['materialsToFollow'],
        });
      }
    }
  });

/** Whether a matter counts any of its time limits in working days (then a calendar is needed). */
export function countsWorkingDays(m: Matter): boolean {
  return (
    m.supervision.dayCount === 'working' ||
    (m.materialsToFollow ?? []).some((x) => x.dayCount === 'working')
  );
}
export type Matter = z.infer<typeof MatterSchema>;

/**
 * `version` is a positive integer that the platform raises by one on every change of the hall's
 * catalogue. An integer gives one unambiguous order for refusing a downgrade, with nothing to parse
 * and no question of what a 'minor' change of legal text would be; the human-readable history
 * lives on the platform.
 */
export const CatalogueSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    catalogueId: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,63}$/),
    version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issuedAt: InstantSchema,
    validFrom: InstantSchema,
    /** The bundle's expiry: after it the device must fetch a fresh one. */
    validUntil: InstantSchema,
    hall: z.strictObject({
      code: HallCodeSchema,
      name: LocalizedTextSchema,
      organ: z.strictObject({ name: LocalizedTextSchema, creditCode: CreditCodeSchema }),
    }),
    general: GeneralSectionSchema,
    matters: z.array(MatterSchema).min(1).max(5000),
    /** The working-day calendar for limits counted in working days. */
    calendar: WorkingCalendarSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (Date.parse(c.validUntil) <= Date.parse(c.validFrom)) {
      ctx.addIssue({ code: 'custom', message: 'valid-until-not-after-from', path: ['validUntil'] });
    }
    if (Date.parse(c.issuedAt) > Date.parse(c.validUntil)) {
      ctx.addIssue({ code: 'custom', message: 'issued-after-expiry', path: ['issuedAt'] });
    }
    const seen = new Set<string>();
    c.matters.forEach((m, i) => {
      const omitted = m.omitGeneralItems ?? [];
      if (
        omitted.length > 0 &&
        c.general.items.length > 0 &&
        (omitted.some((n) => n > c.general.items.length) ||
          new Set(omitted).size !== omitted.length ||
          omitted.length >= c.general.items.length)
      ) {
        ctx.addIssue({
          code: 'custom',
          message: 'bad-omitted-general-item',
          path: ['matters', i, 'omitGeneralItems'],
        });
      }
      if (seen.has(m.code)) {
        ctx.addIssue({
          code: 'custom',
          message: 'duplicate-matter-code',
          path: ['matters', i, 'code'],
        });
      }
      seen.add(m.code);
      const n = c.general.labels.notification;
      const missing =
        (m.supervision.dayCount === 'working' && !n.checkedWithinWorkingDays) ||
        (m.materialsToFollow !== undefined && (!n.materialsToFollow || !n.materialDue));
      if (missing) {
        ctx.addIssue({ code: 'custom', message: 'missing-label', path: ['matters', i] });
      }
      if (c.calendar === undefined && countsWorkingDays(m)) {
        ctx.addIssue({
          code: 'custom',
          message: 'working-days-without-calendar',
          path: ['matters', i, 'supervision'],
        });
      }
    });
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;
