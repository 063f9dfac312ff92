// Reading an uploaded CSV file into records that know the line they start on, so every problem can be shown as
// "line 12, column barcode: …". Pure (csv-parse in sync mode, strict about quotes: a stray quote is an error, not
// a guess). Handles a UTF-8 byte order mark, CRLF or LF line ends, and quoted commas, quotes and line breaks.
// csv-parse's own line counter drifts after a quoted CRLF, so line numbers are counted here from byte offsets.
import { parse, type Info } from "csv-parse/sync";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "./limits";

/** Something wrong with a file or one of its rows, as a person can act on it. */
export interface CsvProblem {
  /** The file's line the record starts on (1 = the header); null for the file as a whole. */
  line: number | null;
  /** The column's name as the file spells it, when the problem is in one cell. */
  column: string | null;
  message: string;
}

export interface CsvRecord {
  line: number;
  cells: string[];
}

export type ParsedCsv = { ok: true; header: CsvRecord; rows: CsvRecord[] } | { ok: false; problem: CsvProblem };

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
}

const LF = 0x0a;
const CR = 0x0d;

interface CsvParseError {
  code?: string;
  bytes?: number;
  lines?: number;
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "")} MB`;

/** Counts line breaks (LF, CRLF or a lone CR) in bytes[from, to), moving forward through the file once. */
class LineCounter {
  private position = 0;
  private line = 1;

  constructor(private readonly bytes: Uint8Array) {}

  /** The line of the first byte at or after `offset` that is not a line break (where the next record starts). */
  lineOfRecordAt(offset: number): number {
    let start = offset;
    while (start < this.bytes.length && (this.bytes[start] === LF || this.bytes[start] === CR)) start++;
    for (; this.position < start; this.position++) {
      const byte = this.bytes[this.position];
      if (byte === LF || (byte === CR && this.bytes[this.position + 1] !== LF)) this.line++;
    }
    return this.line;
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function quoteProblem(code: string | undefined): string {
  switch (code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return 'A quoted value that starts on this line is never closed: add the closing double quote (").';
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'A double quote (") is in the wrong place. Put a value that contains quotes, commas or line breaks in double quotes, and write each quote inside it twice ("").';
    default:
      return "This line could not be read as CSV. Save the file as CSV (comma separated, UTF-8) and try again.";
  }
}

/**
 * The header and the rows of a CSV file, each with the line it starts on, or the one problem that stops the file
 * from being read at all (too big, not UTF-8, broken quoting, no header, too many rows). Rows whose cells are all
 * blank are skipped: spreadsheets export trailing ",,,," lines. Rows may have more or fewer cells than the header;
 * the caller reports that per row, so one file shows all its problems at once.
 */
export function parseCsv(
  content: Uint8Array | string,
  limits: CsvLimits = { maxBytes: MAX_CSV_BYTES, maxRows: MAX_CSV_ROWS },
): ParsedCsv {
  const bytes =
    typeof content === "string"
      ? Buffer.from(content, "utf8")
      : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const fileProblem = (message: string, line: number | null = null): ParsedCsv => ({
    ok: false,
    problem: { line, column: null, message },
  });

  if (bytes.length > limits.maxBytes) {
    return fileProblem(
      `The file is ${megabytes(bytes.length)}; an import takes at most ${megabytes(limits.maxBytes)}. Split it into smaller files.`,
    );
  }
  if (!isUtf8(bytes)) {
    return fileProblem(
      'The file is not UTF-8 text. In your spreadsheet program save it as "CSV UTF-8 (comma delimited)" and try again.',
    );
  }

  let records: { record: string[]; info: Info }[];
  try {
    // With `info`, each record comes with its parse details (the declared return type does not know that).
    records = parse(bytes, {
      bom: true,
      info: true,
      // Any of the three line ends, even mixed (files pasted together from different programs).
      record_delimiter: ["\r\n", "\n", "\r"],
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as {
      record: string[];
      info: Info;
    }[];
  } catch (error) {
    const { code, bytes: offset, lines } = error as CsvParseError;
    const line = typeof offset === "number" ? new LineCounter(bytes).lineOfRecordAt(offset) : (lines ?? null);
    return fileProblem(quoteProblem(code), line);
  }

  const counter = new LineCounter(bytes);
  let previousEnd = 0;
  const lined: CsvRecord[] = [];
  for (const { record, info } of records) {
    const line = counter.lineOfRecordAt(previousEnd);
    previousEnd = info.bytes;
    if (lined.length > 0 && record.every((cell) => cell.trim() === "")) continue;
    lined.push({ line, cells: record });
  }

  const [header, ...rows] = lined;
  if (!header || header.cells.every((cell) => cell.trim() === "")) {
    return fileProblem("The file is empty. Its first line must name the columns.");
  }
  if (rows.length === 0) {
    return fileProblem("The file has a header line but no rows below it.");
  }
  if (rows.length > limits.maxRows) {
    return fileProblem(
      `The file has ${rows.length.toLocaleString("en-US")} rows; an import takes at most ${limits.maxRows.toLocaleString("en-US")}. Split it into smaller files.`,
    );
  }
  return { ok: true, header, rows };
}
