// The lib boundary as the sources have it: every exported function in lib/ that parses its input with
// parseInput(schema, …) (lib/errors.ts), with the schema's name and the module it is defined in.
import fs from "node:fs";
import path from "node:path";

export interface BoundaryFunction {
  /** "lib/locations/create-location.ts#createLocation" */
  key: string;
  file: string;
  name: string;
  schema: string;
  /** The module that defines the schema: the function's own, or the one it imports the schema from. */
  schemaFile: string;
}

function libFiles(dir = "lib"): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : libFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function resolveImport(from: string, specifier: string): string {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : path.join(path.dirname(from), specifier);
  return fs.existsSync(`${base}.ts`) ? `${base}.ts` : `${base}.tsx`;
}

export function discoverBoundary(): BoundaryFunction[] {
  const found: BoundaryFunction[] = [];
  for (const file of libFiles()) {
    const source = fs.readFileSync(file, "utf8");
    // Each exported function runs to the next top-level declaration.
    const starts = [...source.matchAll(/^export (?:async )?function (\w+)/gm)];
    starts.forEach((start) => {
      const end = source.slice(start.index! + 1).search(/^(?:export |const |function |async function )/m);
      const body = source.slice(start.index!, end < 0 ? undefined : start.index! + 1 + end);
      const schema = /parseInput\((\w+)/.exec(body)?.[1];
      if (!schema) return;
      const imported = new RegExp(`import \\{[^}]*\\b${schema}\\b[^}]*\\} from "([^"]+)"`).exec(source);
      found.push({
        key: `${file}#${start[1]}`,
        file,
        name: start[1]!,
        schema,
        schemaFile: imported ? resolveImport(file, imported[1]!) : file,
      });
    });
  }
  return found.sort((a, b) => a.key.localeCompare(b.key));
}
