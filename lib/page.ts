// For pages (server components): a lib NOT_FOUND — an unknown id, or another company's — becomes Next's 404 page;
// anything else is rethrown to the error page. One place, so every detail page treats foreign ids alike.
import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "./errors";

export function orNotFound<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
}
