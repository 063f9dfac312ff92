// A CSV download as a stream that fetches one page of rows each time the reader wants more: memory stays at one
// page however large the company, and a slow client slows the queries down instead of buffering the whole file.
// Pure: the caller supplies the page query (keyset pagination: each page starts after the last row's cursor).
import { CSV_BOM, formatCsvRow, type CsvValue } from "./csv-cell";

/** A CSV file on its way to the client. */
export interface CsvDownload {
  fileName: string;
  stream: ReadableStream<Uint8Array>;
}

export interface CsvPage<Cursor> {
  rows: CsvValue[][];
  /** Where the next page starts, or null after the last page. */
  next: Cursor | null;
}

export interface PagedCsv<Cursor> {
  header: readonly string[];
  fetchPage: (after: Cursor | null) => Promise<CsvPage<Cursor>>;
  /** Told when a page fails after the response has started (the download then ends in an error, not truncated). */
  onError?: (error: unknown) => void;
}

/** UTF-8 with a byte order mark, the header first, then one chunk per page. */
export function pagedCsvStream<Cursor>({ header, fetchPage, onError }: PagedCsv<Cursor>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(CSV_BOM + formatCsvRow(header)));
      },
      async pull(controller) {
        try {
          // A pull must enqueue or close: an empty page (no rows to write for it) moves on to the next one.
          for (;;) {
            const page = await fetchPage(cursor);
            if (page.rows.length > 0) controller.enqueue(encoder.encode(page.rows.map(formatCsvRow).join("")));
            if (page.next === null) return controller.close();
            cursor = page.next;
            if (page.rows.length > 0) return;
          }
        } catch (error) {
          onError?.(error);
          controller.error(error);
        }
      },
    },
    // Fetch a page only when the reader asks for one.
    { highWaterMark: 0 },
  );
}
