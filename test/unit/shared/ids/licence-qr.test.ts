import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { creditCodeFromLicenceQr } from '../../../../shared/ids/licence-qr';
import { validateUscc } from '../../../../shared/ids/uscc';

describe('the credit code in a business licence QR code', () => {
  it('finds the code in the publicity-system link and in plain text', () => {
    expect(
      creditCodeFromLicenceQr('http://www.gsxt.gov.cn/index.html?uniscid=91130100MA01111107&x=1'),
    ).toEqual({ ok: true, code: '91130100MA01111107' });
    expect(creditCodeFromLicenceQr('统一社会信用代码：9135021359498494XQ 名称：某某')).toEqual({
      ok: true,
      code: '9135021359498494XQ',
    });
  });

  it('refuses a code whose check digit fails, saying which', () => {
    expect(creditCodeFromLicenceQr('?uniscid=91130100MA01111108')).toEqual({
      ok: false,
      error: 'bad-code',
      candidate: '91130100MA01111108',
    });
  });

  it('finds nothing in a link without a code, or in a longer run of characters', () => {
    expect(creditCodeFromLicenceQr('https://example.org/licence')).toEqual({
      ok: false,
      error: 'no-code',
    });
    expect(creditCodeFromLicenceQr('X91130100MA01111107')).toEqual({ ok: false, error: 'no-code' });
  });

  it('any text: an answer is a code that passes the check digits, and a code after "=" is found', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 20 }), (before, after) => {
        const result = creditCodeFromLicenceQr(`${before}=91130100MA01111107&${after}`);
        expect(result.ok && validateUscc(result.code).ok).toBe(true);
      }),
    );
  });
});
