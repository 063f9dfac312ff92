// In the browser, zod 4 compiles object parsers with `new Function` after probing whether eval is allowed. Our
// Content-Security-Policy refuses eval (lib/http/security-headers.ts), so the probe fails — caught by zod, but the
// browser still reports a policy violation on every page with a form. Interpreted parsing gives the same results;
// the server keeps the compiled parsers. Imported first by the modules that build schemas the forms share
// (lib/fields.ts, lib/stock/quantity.ts), so it runs before any object schema is built.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });
