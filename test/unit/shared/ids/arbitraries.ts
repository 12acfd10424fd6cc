/** fast-check generators of valid identifiers, built with the production check functions. */
import fc from 'fast-check';
import { orgCodeCheckChar, USCC_ALPHABET, usccCheckChar } from '../../../../shared/ids/uscc';
import { residentIdCheckChar } from '../../../../shared/ids/resident-id';

export const TODAY = '2025-06-01';

const usccChar = fc.constantFrom(...USCC_ALPHABET);
const digit = fc.constantFrom(...'0123456789');
const chars = (unit: fc.Arbitrary<string>, length: number) =>
  fc.string({ unit, minLength: length, maxLength: length });

/** Valid codes whose organisation code also passes GB 11714. */
export const validUscc = fc
  .tuple(chars(usccChar, 2), chars(digit, 6), chars(usccChar, 8))
  .map(([head, division, body]) => {
    const first17 = `${head}${division}${body}${orgCodeCheckChar(body) ?? ''}`;
    return `${first17}${usccCheckChar(first17) ?? ''}`;
  });

/** Valid codes with any organisation-code check character (some will carry the warning). */
export const validUsccAnyOrgCheck = fc
  .tuple(chars(usccChar, 2), chars(digit, 6), chars(usccChar, 9))
  .map(([head, division, org]) => {
    const first17 = `${head}${division}${org}`;
    return `${first17}${usccCheckChar(first17) ?? ''}`;
  });

/** Birth dates from 1900-01-01 up to TODAY. */
export const birthDate = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date(`${TODAY}T00:00:00Z`),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10).replaceAll('-', ''));

export const validResidentId = fc
  .tuple(chars(digit, 6), birthDate, chars(digit, 3))
  .map(([division, date, sequence]) => {
    const first17 = `${division}${date}${sequence}`;
    return `${first17}${residentIdCheckChar(first17) ?? ''}`;
  });

/** Re-types a clean identifier as a kiosk might receive it: lower case, full width, spaces. */
export function retyped(value: string): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.boolean(), fc.boolean(), fc.constantFrom('', '', ' ', '\u3000', '\t')), {
      minLength: value.length,
      maxLength: value.length,
    })
    .map((styles) =>
      [...value]
        .map((c, i) => {
          const [lower, wide, gap] = styles[i] ?? [false, false, ''];
          const cased = lower ? c.toLowerCase() : c;
          const shaped = wide ? String.fromCharCode(cased.charCodeAt(0) + 0xfee0) : cased;
          return `${gap}${shaped}`;
        })
        .join(''),
    );
}

/** Every code that differs from `code` in exactly one position, within the code alphabet. */
export function singleSubstitutions(code: string, at: (position: number) => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < code.length; i += 1) {
    for (const c of at(i)) {
      if (c !== code[i]) out.push(`${code.slice(0, i)}${c}${code.slice(i + 1)}`);
    }
  }
  return out;
}
