import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { SYSTEM_CLIENT_IMPORTERS } from "./lib/db/system-client-importers.mjs";

// The system client bypasses row-level security: only the files of lib/db/system-client-importers.mjs may import
// it (docs/architecture.md §4).
const systemClientImport = {
  group: ["**/db/system", "@/lib/db/system"],
  message: "The system client bypasses tenant isolation; use withTenantTx (lib/db/tenant) instead.",
};

// Links go through components/ui/link.tsx, which does not prefetch (docs/architecture.md §3, "Cost of a page").
const nextLinkImport = {
  name: "next/link",
  message: "Use @/components/ui/link: it does not prefetch (docs/architecture.md §3, Cost of a page).",
};
const componentDataImport = {
  group: ["**/lib/db", "**/lib/db/*", "@/lib/db", "@/lib/db/*"],
  message: "Components take props; data access lives in lib/.",
};

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/db/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { paths: [nextLinkImport], patterns: [systemClientImport] }],
    },
  },
  {
    files: ["lib/db/system.ts", ...SYSTEM_CLIENT_IMPORTERS],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [nextLinkImport], patterns: [systemClientImport, componentDataImport] },
      ],
    },
  },
  {
    files: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [systemClientImport, componentDataImport] }] },
  },
];

export default config;
