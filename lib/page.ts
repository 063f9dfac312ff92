// For pages (server components): a lib NOT_FOUND — an unknown id, or another company's — becomes Next's 404 page;
// anything else is rethrown to the error page. One place, so every detail page treats foreign ids alike. A page whose
// input comes from its URL (a GET form) can also take a refused input back as a value, to show beside the form.
import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "./errors";

export function orNotFound<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
}

/** Like orNotFound, and a VALIDATION refusal comes back as the AppError (its field errors) instead of a throw. */
export function orRefusal<T>(work: Promise<T>): Promise<T | AppError> {
  return orNotFound(work).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "VALIDATION") return error;
    throw error;
  });
}
