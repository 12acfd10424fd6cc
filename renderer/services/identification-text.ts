import type { TFunction } from 'i18next';
import {
  identificationMethods,
  type CardValidity,
  type Identification,
} from '../../shared/record/identification';

/** "2020-01-01 to no expiry": a card's validity in words of `t`'s language. */
export function cardValidityText(t: TFunction, card: CardValidity): string {
  return t('identity.record.cardValidityRange', {
    from: card.validFrom,
    until: card.validUntil === 'long-term' ? t('identity.record.longTerm') : card.validUntil,
  });
}

/**
 * One line naming who signed and how, for the letter's signing record: "Legal representative: ID
 * card read; business licence QR code scanned; ID card valid 2020-01-01 to 2040-01-01". A record
 * made before identification was recorded says so.
 */
export function identificationLine(
  t: TFunction,
  identification: Identification | undefined,
): string {
  if (!identification) return t('identity.record.none');
  const methods = identificationMethods(identification).map((m) => t(`identity.methods.${m}`));
  const card = identification.signer.card;
  const parts = card
    ? [...methods, t('identity.pdf.cardValidity', { range: cardValidityText(t, card) })]
    : methods;
  return t('identity.pdf.identificationLine', {
    role: t(`identity.roles.${identification.signer.role}`),
    methods: parts.join(t('identity.pdf.separator')),
  });
}
