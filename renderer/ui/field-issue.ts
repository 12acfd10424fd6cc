import type { TFunction } from 'i18next';

/**
 * The words for one field's issue (shared/fields, shared/entity), in the console's and kiosk's
 * language: what is wrong, with the limit or range it breaks and the character it refuses.
 */
export interface IssueLike {
  readonly code: string;
  readonly min?: number | string;
  readonly max?: number | string;
  readonly length?: number;
  readonly char?: string;
}

type ErrorKey = `fields.errors.${'required' | 'too-long'}`;

export function fieldIssueText(t: TFunction, issue: IssueLike): string {
  const values = {
    min: issue.min ?? '',
    max: issue.max ?? '',
    length: issue.length ?? '',
    char: issue.char ?? '',
  };
  switch (issue.code) {
    case 'too-long':
      // Too long says the limit, and how long the text is when that is known.
      return (
        t('fields.errors.too-long', values) +
        (issue.length !== undefined ? t('fields.count', values) : '')
      );
    case 'too-short':
      return issue.min === undefined
        ? t('fields.errors.invalid')
        : t('fields.errors.too-short', values);
    case 'character':
      return issue.char === undefined
        ? t('fields.errors.character')
        : t('fields.errors.characterNamed', values);
    case 'length':
      return issue.max !== undefined && issue.length !== undefined
        ? t('fields.errors.lengthExact', values)
        : t('fields.errors.length');
    default: {
      const key = `fields.errors.${issue.code}`;
      return t(key as ErrorKey, { ...values, defaultValue: t('fields.errors.invalid') });
    }
  }
}

/** The hint that states a text field's limit: "up to 40 characters" or "2 to 40 characters". */
export function limitText(t: TFunction, max: number): string {
  return t('fields.limit', { max });
}
