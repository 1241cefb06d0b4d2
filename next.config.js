/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by Node at run time rather than bundled: PGlite resolves its WASM and data files relative
  // to its own package, and pino starts worker threads from files of its own.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "pglite-prisma-adapter",
    "pino",
  ],
  poweredByHeader: false,
  experimental: {
    // Uploads go through route handlers (multipart); this bounds server actions only.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default nextConfig;
