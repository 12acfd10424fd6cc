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

/** Neutralised and isolated, for interpolating outside text into a line of the interface. */
export function isolated(text: string): string {
  return `${FSI}${neutraliseBidi(text)}${PDI}`;
}
