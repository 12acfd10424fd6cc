import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvDataCell, toCsv, toCsvTable } from '../../../../shared/console/csv';

/** A small RFC 4180 reader, to check that what we write reads back as written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('CSV cells', () => {
  it('writes plain values as they are', () => {
    expect(csvCell('石家庄示例科技有限公司')).toBe('石家庄示例科技有限公司');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps record numbers and all-digit codes whole as text, not as 15-digit numbers', () => {
    expect(csvCell('13010220260402000001')).toBe('"=""13010220260402000001"""');
    expect(parseCsv(`${csvCell('913502000728319549')}\r\n`)).toEqual([['="913502000728319549"']]);
    expect(csvCell('12345')).toBe('12345');
    expect(csvCell('91350200776049653A')).toBe('91350200776049653A');
  });

  it('defuses anything a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    // Numbers are numbers, not text that starts with a minus.
    expect(csvCell(-5)).toBe('-5');
  });
});

describe('CSV documents', () => {
  it('starts with a BOM, ends every row with CRLF', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe(`${CSV_BOM}a,1\r\nb,2\r\n`);
  });

  it('reads back cell for cell, whatever the text (formula starts and long numbers excepted)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string().filter((s) => !/^[=+\-@\t\r]/u.test(s) && !/^\d{12,}$/u.test(s)),
            { minLength: 1, maxLength: 5 },
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        (rows) => {
          expect(parseCsv(toCsv(rows).slice(1))).toEqual(rows);
        },
      ),
    );
  });

  describe('as one data table', () => {
    it('writes codes as their digits, never as formulas, and quotes what needs it', () => {
      expect(csvDataCell('13010220260402000001')).toBe('13010220260402000001');
      expect(csvDataCell('a,b')).toBe('"a,b"');
      expect(csvDataCell('=SUM(A1)')).toBe("'=SUM(A1)");
      expect(csvDataCell(7)).toBe('7');
      const rows = [
        ['13010220260402000001', 'say "hi"'],
        ['913502000728319549', 'two\nlines'],
      ];
      const csv = toCsvTable(['code', 'name'], rows);
      expect(csv.startsWith(CSV_BOM)).toBe(true);
      expect(parseCsv(csv.slice(1))).toEqual([['code', 'name'], ...rows]);
    });
  });
});
