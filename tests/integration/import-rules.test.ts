// The import rules of docs/architecture.md §2 that the type checker cannot see. The system client bypasses row-level
// security: only the files of lib/db/system-client-importers.mjs may import it (§4). eslint.config.mjs reads the
// same list for editors; this test holds it in CI whatever the lint configuration, and keeps the list from going
// stale. Components never touch lib/db, and lib/auth never depends on the account flows built on it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SYSTEM_CLIENT_IMPORTERS } from "../../lib/db/system-client-importers.mjs";

/** Whether an entry of the list ("a/b.ts", or "folder/**" for everything under it) covers a file. */
function listed(file: string): boolean {
  return SYSTEM_CLIENT_IMPORTERS.some((entry) =>
    entry.endsWith("/**") ? file.startsWith(entry.slice(0, -2)) : file === entry,
  );
}

const IMPORT = /(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The modules a source file imports, resolved to repository-relative paths where they are relative. */
function importsOf(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    if (specifier.startsWith("@/")) found.push(specifier.slice(2));
    else if (specifier.startsWith("."))
      found.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)));
    else found.push(specifier);
  }
  return found;
}

const isSystemClient = (target: string) => /^lib\/db\/system(\.ts)?$/.test(target);
const isDataLayer = (target: string) => /^lib\/db(\/|$)/.test(target);

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  if (fs.statSync(dir).isFile()) return [dir];
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.posix.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (fs.statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("importsOf", () => {
  it("resolves aliased, relative and dynamic imports", () => {
    const source = `import { systemPrisma } from "@/lib/db/system";
import type { X } from "../db/system";
export { y } from "./other";
const m = await import("../../lib/db/tenant");`;
    expect(importsOf("lib/orders/approve-order.ts", source)).toEqual([
      "lib/db/system",
      "lib/db/system",
      "lib/orders/other",
      "lib/db/tenant",
    ]);
  });

  it("flags what the rule forbids", () => {
    expect(isSystemClient("lib/db/system")).toBe(true);
    expect(isSystemClient("lib/db/tenant")).toBe(false);
    expect(isDataLayer("lib/db")).toBe(true);
    expect(isDataLayer("lib/dbx")).toBe(false);
  });
});

describe("who may import the system client", () => {
  const files = ["app", "components", "lib", "emails", "proxy.ts", "instrumentation.ts"].flatMap(sourceFiles);

  const importsSystemClient = (file: string) => importsOf(file, fs.readFileSync(file, "utf8")).some(isSystemClient);

  it("only the files on the list", () => {
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((file) => file !== "lib/db/system.ts" && !listed(file) && importsSystemClient(file));
    expect(offenders).toEqual([]);
  });

  it("every file on the list exists and still imports the system client", () => {
    const stale = SYSTEM_CLIENT_IMPORTERS.filter(
      (entry) => !entry.endsWith("/**") && !(fs.existsSync(entry) && importsSystemClient(entry)),
    );
    expect(stale).toEqual([]);
  });

  it("reads folders only for code that never runs in the app", () => {
    const folders = SYSTEM_CLIENT_IMPORTERS.filter((entry) => entry.endsWith("/**"));
    expect(folders.sort()).toEqual(["prisma/**", "scripts/**", "tests/**"]);
  });

  it("lib/auth (the session, permissions, sign-in) never imports the account flows of lib/accounts", () => {
    const offenders = files.filter(
      (file) =>
        file.startsWith("lib/auth/") &&
        importsOf(file, fs.readFileSync(file, "utf8")).some((target) => target.startsWith("lib/accounts/")),
    );
    expect(offenders).toEqual([]);
  });

  it("components never import the data layer", () => {
    const offenders = files.filter(
      (file) => file.startsWith("components/") && importsOf(file, fs.readFileSync(file, "utf8")).some(isDataLayer),
    );
    expect(offenders).toEqual([]);
  });
});
