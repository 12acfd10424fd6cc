import { describe, expect, it } from 'vitest';
import {
  DateSchema,
  DigestSchema,
  EntityKindSchema,
  InstantSchema,
  LocalizedTextSchema,
} from '../../../shared/model';

describe('basic domain schemas', () => {
  it('requires both languages of a localized text, non-blank', () => {
    expect(LocalizedTextSchema.safeParse({ 'zh-CN': '承诺', en: 'Commitment' }).success).toBe(true);
    expect(LocalizedTextSchema.safeParse({ 'zh-CN': '承诺' }).success).toBe(false);
    expect(LocalizedTextSchema.safeParse({ 'zh-CN': '承诺', en: '   ' }).success).toBe(false);
  });

  it('takes instants only with an offset, and real calendar dates', () => {
    expect(InstantSchema.safeParse('2026-11-25T09:30:00+08:00').success).toBe(true);
    expect(InstantSchema.safeParse('2026-11-25T09:30:00').success).toBe(false);
    expect(DateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(DateSchema.safeParse('2026-13-01').success).toBe(false);
  });

  it('knows the three entity kinds and lower-case hex digests', () => {
    expect(EntityKindSchema.options).toEqual(['legal-person', 'unincorporated', 'natural-person']);
    expect(DigestSchema.safeParse('a'.repeat(64)).success).toBe(true);
    expect(DigestSchema.safeParse('A'.repeat(64)).success).toBe(false);
  });
});
