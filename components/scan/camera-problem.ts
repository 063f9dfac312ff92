// Why the camera cannot be used, in words for the person holding the phone (docs/architecture.md "Camera
// scanning"). Every message ends by pointing at the code field, which always works. Pure.

/** The message for a getUserMedia failure (`error`), or for a browser without a camera API (`error` null). */
export function cameraProblem(error: unknown, secureContext: boolean): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  if (!error && !secureContext) {
    return "Camera not available — type the code instead. (The camera needs the app's https:// address.)";
  }
  switch (name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Camera access was refused — type the code instead. To scan, allow the camera for this site in the browser's settings.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No camera found — type the code instead.";
    case "NotReadableError":
    case "AbortError":
      return "The camera is busy in another app — type the code instead, or close that app and scan again.";
    default:
      return "Camera not available — type the code instead.";
  }
}
