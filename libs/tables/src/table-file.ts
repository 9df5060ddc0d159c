import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';

/** The language of a file's column headers and words (yes/no, segment names). */
export type Lang = 'ru' | 'en';
/** `rfc4180`: UTF-8, `,`, `.`, ISO dates. `excel-ru`: BOM, `;`, `,` decimal mark, ДД.ММ.ГГГГ. */
export type Dialect = 'rfc4180' | 'excel-ru';
export type FileFormat = 'csv' | 'xlsx';

export type ColumnType = 'text' | 'integer' | 'money' | 'rate' | 'date' | 'boolean';

export interface Column {
  key: string;
  header: Record<Lang, string>;
  type: ColumnType;
}

/** A table as an analyst sees it: named, typed columns and rows of plain values (money as "12345.67"). */
export interface Table {
  name: string;
  columns: Column[];
  rows: Record<string, unknown>[];
}

export interface TableFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WORDS: Record<Lang, Record<string, string>> = {
  ru: { true: 'да', false: 'нет', csk: 'ЦСК', 'non-csk': 'не ЦСК', all: 'все' },
  en: { true: 'yes', false: 'no', csk: 'CSK', 'non-csk': 'non-CSK', all: 'all' },
};

/** A word the table shows in the language asked for (segments, yes/no); other text as it is. */
export function wordIn(lang: Lang, value: unknown): string {
  const text = String(value ?? '');
  return Object.hasOwn(WORDS[lang], text) ? WORDS[lang][text] : text; // not `constructor` of Object
}

const isoToRussian = (date: string) =>
  `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

function csvCell(column: Column, value: unknown, lang: Lang, dialect: Dialect): string {
  if (value === null || value === undefined) return '';
  switch (column.type) {
    case 'money':
    case 'rate':
      return dialect === 'excel-ru' ? String(value).replace('.', ',') : String(value);
    case 'date':
      return dialect === 'excel-ru' ? isoToRussian(String(value)) : String(value);
    case 'boolean':
      return wordIn(lang, value);
    case 'integer':
      return String(value);
    default:
      return wordIn(lang, value);
  }
}

/** The table as CSV: RFC 4180 (`,`, CRLF), or for Russian Excel with a BOM, `;` and decimal commas. */
export function tableToCsv(table: Table, lang: Lang, dialect: Dialect): Buffer {
  const text = stringify(
    [
      table.columns.map((c) => c.header[lang]),
      ...table.rows.map((row) => table.columns.map((c) => csvCell(c, row[c.key], lang, dialect))),
    ],
    {
      delimiter: dialect === 'excel-ru' ? ';' : ',',
      record_delimiter: 'windows',
      bom: dialect === 'excel-ru',
    },
  );
  return Buffer.from(text, 'utf8');
}

const MONEY_FORMAT = '#,##0.00 "₽"';

function xlsxCell(column: Column, value: unknown, lang: Lang): unknown {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'money':
    case 'rate':
      return Number(value);
    case 'integer':
      return Number(value);
    case 'date':
      return new Date(`${String(value)}T00:00:00Z`);
    default:
      return wordIn(lang, value);
  }
}

/**
 * The table as an XLSX workbook of one sheet: numbers and dates as such, headers in `lang`. Written
 * with exceljs's streaming writer, row by row (several times faster than the in-memory workbook).
 */
export async function tableToXlsx(table: Table, lang: Lang): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise((resolve, reject) => out.on('end', resolve).on('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'fresh-partners';
  // A fixed date keeps the same table the same file.
  workbook.created = workbook.modified = new Date('2014-12-01T00:00:00Z');
  const sheet = workbook.addWorksheet(table.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((c) => ({
    header: c.header[lang],
    key: c.key,
    width: Math.max(12, c.header[lang].length + 2),
    style:
      c.type === 'money'
        ? { numFmt: MONEY_FORMAT }
        : c.type === 'rate'
          ? { numFmt: '0.00' }
          : c.type === 'date'
            ? { numFmt: lang === 'ru' ? 'dd.mm.yyyy' : 'yyyy-mm-dd' }
            : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of table.rows) {
    sheet
      .addRow(Object.fromEntries(table.columns.map((c) => [c.key, xlsxCell(c, row[c.key], lang)])))
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  await finished;
  return Buffer.concat(chunks);
}

export async function tableFile(
  table: Table,
  format: FileFormat,
  lang: Lang,
  dialect: Dialect,
  baseName: string,
): Promise<TableFile> {
  return format === 'xlsx'
    ? { body: await tableToXlsx(table, lang), contentType: XLSX_TYPE, fileName: `${baseName}.xlsx` }
    : {
        body: tableToCsv(table, lang, dialect),
        contentType: CSV_TYPE,
        fileName: `${baseName}.csv`,
      };
}
