#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded offline.
# `prisma generate` only asks it for its version; migrations go through lib/db/migrate.ts.
if [ "$1" = "--version" ]; then echo "schema-engine-cli offline-stub"; exit 0; fi
echo "Prisma's native schema engine is not installed: use npm run db:migration (WASM engine) instead" >&2
exit 1
