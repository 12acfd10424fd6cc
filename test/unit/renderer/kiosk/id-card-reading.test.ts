import { describe, expect, it } from 'vitest';
import { phaseFor } from '../../../../renderer/kiosk/IdCardReading';
import type { IdCardData } from '../../../../shared/idcard/answer';

const card: IdCardData = {
  name: '冀测试',
  idNumber: '130102199003071233',
  sex: 'male',
  birthDate: '1990-03-07',
  address: '河北省石家庄市长安区测试路1号',
  authority: '石家庄市公安局长安分局',
  validFrom: '2020-05-01',
  validUntil: '2040-05-01',
};

describe('the kiosk’s reading of a reader answer', () => {
  it('a card valid today fills the form', () => {
    expect(phaseFor({ status: 'card', card }, '2026-12-05')).toEqual({ card });
    expect(phaseFor({ status: 'card', card }, '2040-05-01')).toEqual({ card });
  });

  it('an expired card is refused with its last day; a card not yet valid with its first', () => {
    expect(phaseFor({ status: 'card', card }, '2040-05-02')).toEqual({
      phase: 'problem',
      problem: 'expired',
      date: '2040-05-01',
    });
    expect(phaseFor({ status: 'card', card }, '2020-04-30')).toEqual({
      phase: 'problem',
      problem: 'not-yet-valid',
      date: '2020-05-01',
    });
  });

  it('a long-term card never expires', () => {
    expect(
      phaseFor({ status: 'card', card: { ...card, validUntil: 'long-term' } }, '2099-01-01'),
    ).toHaveProperty('card');
  });

  it('no reader: typing only; a failure or a missing reader: the reason', () => {
    expect(phaseFor({ status: 'unavailable', reason: 'not-configured' }, '2026-12-05')).toEqual({
      phase: 'none',
    });
    expect(phaseFor({ status: 'unavailable', reason: 'unplugged' }, '2026-12-05')).toEqual({
      phase: 'problem',
      problem: 'unplugged',
    });
    expect(phaseFor({ status: 'failed', reason: 'removed' }, '2026-12-05')).toEqual({
      phase: 'problem',
      problem: 'removed',
    });
    expect(phaseFor({ status: 'no-card' }, '2026-12-05')).toEqual({ phase: 'waiting' });
  });
});
