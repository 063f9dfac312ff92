// Request headers that proxy.ts sets for the app.
export const REQUEST_ID_HEADER = "x-request-id";
export const PATHNAME_HEADER = "x-stockflow-pathname";
