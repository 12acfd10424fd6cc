import { contentHash } from '../crypto/canonical';
import type { Language } from '../model';
import type { CommitmentDocument, DocumentBlock, DocumentPart, PartId } from './model';

/** The digest the applicant's signature binds: SHA-256 of the document's RFC 8785 canonical JSON. */
export function documentHash(doc: CommitmentDocument): string {
  return contentHash(doc);
}

/** Punctuation only; every word comes from the document. */
const FIELD_SEPARATOR = { 'zh-CN': '：', en: ': ' } as const;

function blockLines(block: DocumentBlock, separator: string): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.text];
    case 'field':
      return [`${block.label}${separator}${block.value}`];
    case 'list':
      return [
        ...(block.label === null ? [] : [block.label]),
        ...block.items.map((item, i) => `${i + 1}. ${item}`),
      ];
    case 'signature':
    case 'seal':
      // The signature or seal itself is an image; in text only its label marks the place.
      return [`${block.label}${separator}`];
  }
}

/**
 * One part of the letter as plain text, in the letter's language: the one text of a part, read
 * aloud at the kiosk and collected with the record (documentText, contentText, liabilityText).
 */
export function partText(part: DocumentPart, language: Language): string {
  const separator = FIELD_SEPARATOR[language];
  return [part.heading, ...part.blocks.flatMap((b) => blockLines(b, separator))].join('\n');
}

function render(doc: CommitmentDocument, keep: (id: PartId) => boolean): string {
  return [
    doc.title,
    ...doc.parts.filter((p) => keep(p.id)).map((p) => partText(p, doc.language)),
  ].join('\n\n');
}

/** The whole letter as plain text, for read-aloud and for a plain-text copy. */
export function documentText(doc: CommitmentDocument): string {
  return render(doc, () => true);
}

/**
 * The collection item "content" (brief §9): the letter without the signer block. The party's name
 * and code are collected as their own items, and a phone number or address must never travel in a
 * text that may be published.
 */
export function contentText(doc: CommitmentDocument): string {
  return render(doc, (id) => id !== 'signer');
}

/** The collection item "liability for breach": the consequences part as stated in the letter. */
export function liabilityText(doc: CommitmentDocument): string {
  const part = doc.parts.find((p) => p.id === 'consequences');
  return part ? partText(part, doc.language) : '';
}
