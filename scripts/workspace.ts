// npm run workspace -- create <slug> --name "<name>" --admin <email> [--admin-name "<name>"]
// npm run workspace -- list
//
// Creates a workspace and its first admin, and prints the one-time link (valid for a week) with
// which that admin sets their password; or lists the workspaces. Works beside a running `npm start`
// (through its embedded database's socket, or DATABASE_URL) and without one. Exit code 0: done;
// 1: refused (the reason is printed, nothing was changed); 2: the command could not run.
import { parseArgs } from "node:util";
import { valid } from "@/lib/auth/people/fields";
import { createWorkspace, listWorkspaces, newWorkspaceSchema } from "@/lib/auth/workspaces";
import { closeDatabase, joinRunningServerDatabase } from "@/lib/db/system";
import { LoreError } from "@/lib/errors";
import { databaseReady } from "@/lib/server/startup";

const USAGE = `usage: npm run workspace -- create <slug> --name "<name>" --admin <email> [--admin-name "<name>"]
       npm run workspace -- list`;

// A workspace made by this command is not a demo: an empty embedded database stays without the demo
// workspaces unless LORE_DEMO_SEED=true says otherwise.
process.env.LORE_DEMO_SEED ??= "false";

let opened = false;

async function openDatabase(): Promise<void> {
  opened = true;
  try {
    joinRunningServerDatabase();
  } catch {
    // No running server hosts the embedded database: this process opens it itself.
  }
  await databaseReady();
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, admin: { type: "string" }, "admin-name": { type: "string" } },
  });
  const [command, slug, ...rest] = positionals;
  if (command === "list" && !slug) {
    await openDatabase();
    const workspaces = await listWorkspaces();
    if (!workspaces.length) console.log("No workspaces yet.");
    for (const w of workspaces) {
      console.log(
        `${w.slug}\t${w.name}\t${w.people} ${w.people === 1 ? "person" : "people"}\tadmins: ${w.admins.join(", ") || "none"}\tcreated ${w.createdAt}`,
      );
    }
    return 0;
  }
  if (command !== "create" || !slug || rest.length || values.name === undefined || values.admin === undefined) {
    console.error(USAGE);
    return 2;
  }
  // Bad input is refused before the database is opened (which takes seconds with the embedded one).
  const spec = valid(newWorkspaceSchema, { slug, name: values.name, adminEmail: values.admin, adminName: values["admin-name"] }, "workspaces");
  await openDatabase();
  const created = await createWorkspace(spec);
  console.log(`Created workspace "${created.tenant.slug}" (${created.tenant.name}) with its admin ${created.admin.email}.`);
  console.log(`Send the admin this one-time link (valid for a week; open it on Lore's address) to choose a password:`);
  console.log(`  ${created.welcomePath}`);
  return 0;
}

let code = 2;
try {
  code = await main();
} catch (error) {
  if (error instanceof LoreError) {
    console.error(error.message);
    code = 1;
  } else {
    console.error(`workspace could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
} finally {
  if (opened) await closeDatabase();
}
process.exit(code);
