// Every tenant form carries the company it was rendered for (lib/form-company.ts, docs/architecture.md §3 "Forms"),
// checked over the source so that a new form cannot forget it: the server actions that run through tenantAction are
// discovered in app/'s "use server" files, followed to the components the pages hand them to (and what those
// import from components/), and every form there that posts must render <CompanyField /> (or, for a form that
// builds its FormData by hand, set COMPANY_FIELD from useFormCompany()).
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

type Source = { file: string; ast: ts.SourceFile; text: string };

function parse(file: string, text = fs.readFileSync(file, "utf8")): Source {
  return { file, text, ast: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX) };
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const full = path.posix.join(dir, name);
    if (fs.statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** A module specifier as a repository file ("@/components/x" → "components/x.tsx"), or null outside the repository. */
function resolveModule(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/")
    ? specifier.slice(2)
    : specifier.startsWith(".")
      ? path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier))
      : null;
  if (base === null) return null;
  return (
    [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((file) => fs.existsSync(file)) ?? null
  );
}

/** Local name → where it was imported from (resolved) and under which name. */
function importsOf(source: Source) {
  const imports = new Map<string, { module: string | null; name: string }>();
  for (const statement of source.ast.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const from = resolveModule(source.file, statement.moduleSpecifier.text);
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        imports.set(element.name.text, { module: from, name: (element.propertyName ?? element.name).text });
      }
    }
    if (statement.importClause?.name) imports.set(statement.importClause.name.text, { module: from, name: "default" });
  }
  return imports;
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The exported actions of a "use server" file that reach tenantAction, directly or through a local helper. */
function tenantActionsOf(source: Source): string[] {
  const first = source.ast.statements[0];
  const isServer =
    first &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === "use server";
  if (!isServer) return [];
  const calls = new Map<string, Set<string>>();
  const exported = new Set<string>();
  for (const statement of source.ast.statements) {
    if (!ts.isFunctionDeclaration(statement) || !statement.name) continue;
    const called = new Set<string>();
    walk(statement, (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) called.add(node.expression.text);
    });
    calls.set(statement.name.text, called);
    if (statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) exported.add(statement.name.text);
  }
  const tenant = new Set<string>(["tenantAction"]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, called] of calls) {
      if (!tenant.has(name) && [...called].some((callee) => tenant.has(callee))) {
        tenant.add(name);
        grew = true;
      }
    }
  }
  return [...exported].filter((name) => tenant.has(name));
}

/** The element a JSX attribute belongs to, e.g. `<LocationList actions={{ rename: x }} />` for x. */
function jsxElementAround(node: ts.Node): ts.JsxOpeningLikeElement | null {
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isJsxAttribute(at)) return at.parent.parent;
    if (ts.isFunctionLike(at) || ts.isVariableDeclaration(at)) return null;
  }
  return null;
}

/** Forms that post somewhere (a server action or a submit handler), not GET search forms. */
function postingForms(source: Source): ts.JsxElement[] {
  const forms: ts.JsxElement[] = [];
  walk(source.ast, (node) => {
    if (!ts.isJsxElement(node) || node.openingElement.tagName.getText(source.ast) !== "form") return;
    const attributes = node.openingElement.attributes.properties.filter(ts.isJsxAttribute);
    const named = (name: string) => attributes.find((a) => a.name.getText(source.ast) === name);
    const method = named("method")?.initializer;
    if (method && ts.isStringLiteral(method) && method.text.toLowerCase() === "get") return;
    if (named("action") || named("onSubmit")) forms.push(node);
  });
  return forms;
}

/** Whether a form sends the company: <CompanyField /> inside it, or a hand-built FormData given COMPANY_FIELD. */
function carriesCompany(source: Source, form: ts.JsxElement): boolean {
  let found = false;
  walk(form, (node) => {
    if (
      (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) &&
      node.tagName.getText(source.ast) === "CompanyField"
    ) {
      found = true;
    }
  });
  return found || (/\buseFormCompany\(\)/.test(source.text) && /\.set\(COMPANY_FIELD,/.test(source.text));
}

/** A component file and the components/ files it imports, transitively. */
function componentClosure(file: string, load: (file: string) => Source): string[] {
  const seen = new Set<string>();
  const visit = (current: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const { module } of importsOf(load(current)).values()) {
      if (module?.startsWith("components/")) visit(module);
    }
  };
  visit(file);
  return [...seen];
}

interface TenantFormReport {
  /** "file#name" of every tenant action found. */
  actions: string[];
  /** Tenant actions used other than as a JSX attribute of an imported component (the check cannot follow them). */
  unfollowed: string[];
  /** Component files that receive a tenant action but render no form that posts. */
  formless: string[];
  /** "file:line" of posting forms, reached from a tenant action, that do not carry the company. */
  missing: string[];
}

function checkTenantForms(files: string[], load: (file: string) => Source): TenantFormReport {
  const actionKeys = new Set<string>();
  for (const file of files) {
    for (const name of tenantActionsOf(load(file))) actionKeys.add(`${file}#${name}`);
  }
  const unfollowed: string[] = [];
  const used = new Set<string>();
  const receivers = new Set<string>();
  for (const file of files.filter((f) => f.endsWith(".tsx"))) {
    const source = load(file);
    const imports = importsOf(source);
    walk(source.ast, (node) => {
      if (!ts.isIdentifier(node) || ts.isImportSpecifier(node.parent)) return;
      const imported = imports.get(node.text);
      const key = imported?.module && `${imported.module}#${imported.name}`;
      if (!key || !actionKeys.has(key)) return;
      used.add(key);
      const element = jsxElementAround(node);
      const tag = element && imports.get(element.tagName.getText(source.ast));
      if (tag?.module?.startsWith("components/")) receivers.add(tag.module);
      else unfollowed.push(`${file}: ${node.text}`);
    });
  }
  for (const key of actionKeys) if (!used.has(key)) unfollowed.push(`${key} (never handed to a component)`);

  const formless: string[] = [];
  const missing = new Set<string>();
  for (const receiver of receivers) {
    const forms = componentClosure(receiver, load).flatMap((file) => {
      const source = load(file);
      return postingForms(source).map((form) => ({ source, form }));
    });
    if (forms.length === 0) formless.push(receiver);
    for (const { source, form } of forms) {
      if (carriesCompany(source, form)) continue;
      const line = source.ast.getLineAndCharacterOfPosition(form.getStart(source.ast)).line + 1;
      missing.add(`${source.file}:${line}`);
    }
  }
  return { actions: [...actionKeys].sort(), unfollowed, formless, missing: [...missing].sort() };
}

function loader(overrides: Record<string, string> = {}) {
  const cache = new Map<string, Source>();
  return (file: string) => {
    let source = cache.get(file);
    if (!source) cache.set(file, (source = parse(file, overrides[file])));
    return source;
  };
}

describe("tenant forms carry their company", () => {
  const files = sourceFiles("app");

  it("finds the tenant actions, follows each to its forms, and every one of those forms sends the company", () => {
    const report = checkTenantForms(files, loader());
    // Some of them by name, so a discovery that finds nothing cannot pass.
    expect(report.actions).toEqual(
      expect.arrayContaining([
        "app/(app)/locations/actions.ts#createLocationAction",
        "app/(app)/locations/actions.ts#recordStocktakeAction",
        "app/(app)/users/actions.ts#changeMemberRoleAction",
        "app/(app)/requests/actions.ts#approveOrderAction",
        "app/(app)/requests/form-actions.ts#createOrderAction",
        "app/(app)/products/import/actions.ts#importProductsAction",
        "app/(app)/profile/actions.ts#updateNotificationsAction",
        "app/(app)/stock/actions.ts#adjustStockAction",
      ]),
    );
    expect(report.actions.length).toBeGreaterThanOrEqual(25);
    // Session actions are not tenant actions: they run whatever the company.
    expect(report.actions).not.toContain("app/(app)/profile/actions.ts#updateNameAction");
    expect(report.actions).not.toContain("app/(app)/actions.ts#switchCompanyAction");
    expect(report.unfollowed).toEqual([]);
    expect(report.formless).toEqual([]);
    expect(report.missing).toEqual([]);
  });

  it("names a tenant form that forgets the field", () => {
    const form = "components/locations/create-location-form.tsx";
    const withoutField = fs.readFileSync(form, "utf8").replace(/^\s*<CompanyField \/>\n/m, "");
    expect(withoutField).not.toContain("<CompanyField />");
    const report = checkTenantForms(files, loader({ [form]: withoutField }));
    expect(report.missing).toEqual([expect.stringMatching(/^components\/locations\/create-location-form\.tsx:\d+$/)]);
  });

  it("names a tenant action handed over in a way it cannot follow", () => {
    const page = "app/(app)/locations/page.tsx";
    const indirect = fs
      .readFileSync(page, "utf8")
      .replace("action={createLocationAction}", "action={handed}")
      .replace(/^export default/m, "const handed = createLocationAction;\nexport default");
    const report = checkTenantForms(files, loader({ [page]: indirect }));
    expect(report.unfollowed).toEqual([`${page}: createLocationAction`]);
  });
});
