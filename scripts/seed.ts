// npm run db:seed: migrates the embedded (or DATABASE_URL) database and adds the demo tenants if it has none.
// Do not run it while the app is running on the same embedded data directory: only one process may open it.
import { databaseReady } from "@/lib/db/startup";
import { database } from "@/lib/db/client";

process.env.LORE_DEMO_SEED ??= "true";
await databaseReady();
await database().close();
console.log("database ready");
