// Writing CSV cells that are safe to open in a spreadsheet, and reading them back. Pure.
// - Formula injection (OWASP "CSV injection"): a text cell starting with = + - @, a tab or a carriage return is
//   prefixed with ' so Excel, LibreOffice and Google Sheets show it as text instead of running it. Numbers are
//   written as numbers (a number such as -3 cannot carry a formula), so quantities stay numeric. A text that
//   already starts with ' and one of those characters gets one more ', so it reads back as itself.
// - Quoting per RFC 4180: a cell with a comma, a double quote or a line break is quoted, quotes doubled.
// - readCsvCell undoes the guard, so a file we exported imports back to the same values.

export type CsvValue = string | number | bigint | null | undefined;

/** The UTF-8 byte order mark: spreadsheet programs read the file as UTF-8 only when it starts with one. */
export const CSV_BOM = "\uFEFF";

/** RFC 4180 line ending. */
export const CSV_LINE_END = "\r\n";

const FORMULA_START = /^[=+\-@\t\r]/;
/** Guarded once or more: the reader drops one ', so the writer adds one to anything that reads as guarded. */
const GUARDED = /^'+[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as it goes into the file: neutralised when it could start a formula, quoted when it must be. */
export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`A CSV cell cannot hold ${value}`);
    return String(value);
  }
  // A value that already looks guarded ('=x) is guarded again, or reading it back would drop its own '.
  const text = FORMULA_START.test(value) || GUARDED.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record: the escaped cells joined with commas, ending with CRLF. */
export function formatCsvRow(cells: readonly CsvValue[]): string {
  return cells.map(escapeCsvCell).join(",") + CSV_LINE_END;
}

/** A cell's value as the person meant it: the ' that escapeCsvCell put before a formula character is dropped. */
export function readCsvCell(cell: string): string {
  return GUARDED.test(cell) ? cell.slice(1) : cell;
}
