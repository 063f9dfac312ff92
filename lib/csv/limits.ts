// How much one import takes: enough for a warehouse's products in one go, small enough to parse and validate in
// memory in well under a second. Pure (the upload form checks the size before sending).
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
