// The columns of an import file: names matched case-insensitively in any order, required ones checked, unknown
// ones refused by name (a typo such as "cost" must not be silently dropped), and each row's width checked against
// the header. Pure.
import { readCsvCell } from "./csv-cell";
import type { CsvProblem, CsvRecord } from "./parse-csv";

export interface ColumnSpec<C extends string> {
  /** Every column the import reads, in the order the message lists them. */
  columns: readonly C[];
  required: readonly C[];
  /** Columns the file may carry but the import does not read (e.g. our own export's computed columns). */
  ignored?: readonly string[];
}

export interface FileColumns<C extends string> {
  /** The position of each column the file has. */
  positions: Partial<Record<C, number>>;
  width: number;
}

export type HeaderResult<C extends string> =
  { ok: true; columns: FileColumns<C> } | { ok: false; problems: CsvProblem[] };

const listed = (names: readonly string[]) => names.join(", ");

/** Maps the header line to the spec's columns, or lists every problem with it. */
export function readHeader<C extends string>(header: CsvRecord, spec: ColumnSpec<C>): HeaderResult<C> {
  const known = new Set<string>(spec.columns);
  const ignored = new Set((spec.ignored ?? []).map((name) => name.toLowerCase()));
  const positions: Partial<Record<C, number>> = {};
  const seen = new Set<string>();
  const problems: CsvProblem[] = [];
  const problem = (column: string | null, message: string) => problems.push({ line: header.line, column, message });

  header.cells.forEach((cell, index) => {
    const raw = readCsvCell(cell).trim();
    const name = raw.toLowerCase();
    if (name === "") {
      problem(null, `Column ${index + 1} has no name. Name it, or delete the empty column.`);
      return;
    }
    if (seen.has(name)) {
      problem(raw, `The column "${raw}" appears more than once.`);
      return;
    }
    seen.add(name);
    if (known.has(name)) positions[name as C] = index;
    else if (!ignored.has(name))
      problem(raw, `Unknown column "${raw}". The columns are: ${listed(spec.columns)} (in any order).`);
  });
  for (const column of spec.required) {
    if (positions[column] === undefined) {
      problem(
        column,
        `The column "${column}" is missing. The first line must name the columns, e.g. ${listed(spec.required)}.`,
      );
    }
  }
  return problems.length > 0
    ? { ok: false, problems }
    : { ok: true, columns: { positions, width: header.cells.length } };
}

/** A row whose number of cells differs from the header's, as a problem; null when it fits. */
export function widthProblem(row: CsvRecord, width: number): CsvProblem | null {
  if (row.cells.length === width) return null;
  return {
    line: row.line,
    column: null,
    message: `This line has ${row.cells.length} values but the header has ${width} columns. Put a value that contains a comma in double quotes.`,
  };
}

/** The value of `column` in `row` (the formula guard undone, not trimmed), or undefined when the file lacks it. */
export function cellOf<C extends string>(row: CsvRecord, columns: FileColumns<C>, column: C): string | undefined {
  const position = columns.positions[column];
  return position === undefined ? undefined : readCsvCell(row.cells[position] ?? "");
}
