import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// The system client bypasses row-level security: only sign-in, registration, platform administration,
// background jobs, seeding, scripts and tests may import it (docs/architecture.md §4).
const systemClientImport = {
  group: ["**/lib/db/system", "@/lib/db/system"],
  message: "The system client bypasses tenant isolation; use withTenantTx (lib/db/tenant) instead.",
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
      "no-restricted-imports": ["error", { patterns: [systemClientImport] }],
    },
  },
  {
    files: [
      "lib/auth/**",
      "lib/platform/**",
      "lib/jobs/**",
      "lib/email/outbox*",
      "lib/db/**",
      "scripts/**",
      "prisma/**",
      "tests/**",
    ],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            systemClientImport,
            {
              group: ["**/lib/db", "**/lib/db/*", "@/lib/db", "@/lib/db/*"],
              message: "Components take props; data access lives in lib/.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
