import { toCsv } from '../../src/reconcile/csv.js';
import { readCsv } from '../support/read-csv.js';

describe('reconciliation CSV for Excel', () => {
  it('starts with a BOM, ends lines with CRLF and writes money from fen as yuan', () => {
    const csv = toCsv(
      ['医院', '金额(元)'],
      [
        ['甲医院', { fen: 123410 }],
        ['乙医院', { fen: -30 }],
        ['丙医院', { fen: null }],
        ['丁医院', { fen: 29 }],
      ],
    );
    expect(csv).toBe('\uFEFF医院,金额(元)\r\n甲医院,1234.10\r\n乙医院,-0.30\r\n丙医院,\r\n丁医院,0.29\r\n');
  });

  it('quotes commas, quotes and line breaks, and keeps formulas from running', () => {
    const csv = toCsv(
      ['a', 'b', 'c', 'd'],
      [
        ['x,y', 'say "hi"', 'two\nlines', '=HYPERLINK("http://x")'],
        ['+1', '-2', '@SUM(A1)', null],
      ],
    );
    const [, first, second] = csv.slice(1).split('\r\n');
    expect(first).toBe('"x,y","say ""hi""","two\nlines","\'=HYPERLINK(""http://x"")"');
    expect(second).toBe("'+1,'-2,'@SUM(A1),");
  });

  it('reads back cell for cell', () => {
    const cells = [['北京协和医院', 'a,b', '"q"', 'line\r\nbreak', '=1+1', '', '中文，全角逗号']];
    const csv = toCsv(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'], cells);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(readCsv(csv.slice(1))).toEqual([
      ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'],
      ['北京协和医院', 'a,b', '"q"', 'line\r\nbreak', "'=1+1", '', '中文，全角逗号'],
    ]);
  });
});
