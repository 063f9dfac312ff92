// Types for ./copy-scanner-wasm.mjs (a plain script, so npm runs it without tsx at install time).
/** Copies zxing-wasm's reader into public/vendor/zxing-wasm/<version>/; returns the path written. */
export function copyScannerWasm(): string;
