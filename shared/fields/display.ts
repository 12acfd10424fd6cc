/**
 * Showing text that did not pass today's field rules: names stored before the rules existed, and
 * text the platform sends. It is never refused or altered where it is kept; where it is shown, a
 * bidirectional control is written out as its code point (so it can neither reverse the text nor
 * hide), and the whole is isolated (U+2068 … U+2069, the text form of <bdi>) so that nothing in
 * it can reorder the line around it: a history line or the console's header.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/gu;

/** The text with each bidirectional control shown as '[U+202E]'. */
export function neutraliseBidi(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (c) => `[U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`,
  );
}

const FSI = '\u2068';
const PDI = '\u2069';

/** Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms). */
const RIGHT_TO_LEFT =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const HAS_BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u;

/**
 * Neutralised and isolated, for interpolating outside text into a line of the interface. Text
 * with nothing that could reorder its neighbours (no control, no right-to-left letter) comes back
 * unchanged, so that ordinary names read and copy as typed.
 */
export function isolated(text: string): string {
  if (!HAS_BIDI_CONTROL.test(text) && !RIGHT_TO_LEFT.test(text)) return text;
  return `${FSI}${neutraliseBidi(text)}${PDI}`;
}
