import { diffMigrationsToSchema } from "/work/main/lib/db/schema-engine";
process.on("uncaughtException", (e) => { console.log("UNCAUGHT", e.message, (globalThis as any).__panic); process.exit(1); });
(globalThis as any).PRISMA_WASM_PANIC_REGISTRY = { set_message: (m: string) => { (globalThis as any).__panic = m; } };
try { console.log("DIFF:[" + await diffMigrationsToSchema("postgresql://postgres@127.0.0.1:5432/sf_scratch") + "]"); } catch (e) { console.log("ERR", e.message) }
