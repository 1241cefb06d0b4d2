// npm run db:seed: migrates the embedded (or DATABASE_URL) database and adds the demo tenants if it has none.
// Do not run it while the app is running on the same embedded data directory: only one process may open it.
import { closeDatabase } from "@/lib/db/system";
import { databaseReady } from "@/lib/server/startup";

process.env.LORE_DEMO_SEED ??= "true";
await databaseReady();
await closeDatabase();
console.log("database ready");
