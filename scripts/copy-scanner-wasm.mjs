// Copies zxing-wasm's barcode reader (.wasm, ~1 MB) from node_modules into public/, where the app serves it from its
// own origin to the camera scanner's fallback decoder (components/scan/zxing-detector.ts; docs/architecture.md
// "Camera scanning"). Never committed, never fetched from a CDN: it runs after `npm install` (postinstall), before
// `npm run build` (prebuild) and before scripts/start.ts builds or serves, so a clean clone, `npm start` and the
// e2e server all have it. The version is in the path (public/vendor/zxing-wasm/<version>/), the one the client
// asks for; older versions' folders are removed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function copyScannerWasm() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "node_modules/zxing-wasm/package.json"), "utf8"));
  const source = path.join(root, "node_modules/zxing-wasm/dist/reader/zxing_reader.wasm");
  const vendor = path.join(root, "public/vendor/zxing-wasm");
  const target = path.join(vendor, pkg.version, "zxing_reader.wasm");
  if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(source).size) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(source, target);
  }
  for (const version of fs.readdirSync(vendor)) {
    if (version !== pkg.version) fs.rmSync(path.join(vendor, version), { recursive: true, force: true });
  }
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) copyScannerWasm();
