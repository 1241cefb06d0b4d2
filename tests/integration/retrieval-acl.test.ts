import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { uploadDocument } from "@/lib/ingest/upload";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { migratedDatabase } from "@/tests/support/database";
import { acmeWithDocuments } from "@/tests/support/acme";
import { bytes, createTenant } from "@/tests/support/fixtures";

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;
let globex: Awaited<ReturnType<typeof createTenant>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
  globex = await createTenant(
    "globex",
    [],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "staff", role: "employee", groups: [] },
    ],
  );
  await uploadDocument(globex.users.admin!, {
    fileName: "globex.md",
    bytes: bytes("# Globex commission\n\nGlobex pays a 30% commission on every deal.\n"),
    readers: { everyone: true },
  });
});
afterAll(() => db.close());

describe("hybrid retrieval with the ACL inside the query", () => {
  it("finds an English passage the user may read", async () => {
    const { chunks } = await retrieve(acme.users.engineer!, "How many vacation days do I get?");
    expect(chunks[0]?.content).toContain("25 vacation days");
    expect(chunks[0]?.documentTitle).toBe("Handbook");
    expect(chunks[0]?.headingPath).toMatch(/^Handbook/);
  });

  it("finds a Korean passage when the question uses a different particle", async () => {
    const { chunks } = await retrieve(acme.users.engineer!, "연차 휴가를 며칠 받나요?");
    expect(chunks[0]?.content).toContain("15일");
  });

  it("gives a group's document to its members", async () => {
    const { chunks, withheld } = await retrieve(acme.users.seller!, "What commission do sales representatives earn?");
    expect(chunks[0]?.content).toContain("12% commission");
    expect(withheld).toEqual([]);
  });

  it("never returns a restricted chunk to others, and records that it was withheld", async () => {
    const { chunks, withheld } = await retrieve(acme.users.engineer!, "What commission do sales representatives earn?");
    expect(chunks.map((c) => c.content).join("\n")).not.toContain("12%");
    expect(withheld).toHaveLength(1);
  });

  it("never crosses tenants", async () => {
    const acmeView = await retrieve(acme.users.seller!, "commission on every deal");
    expect(acmeView.chunks.map((c) => c.content).join("\n")).not.toContain("Globex");
    expect(acmeView.withheld).toHaveLength(0);
    const globexView = await retrieve(globex.users.staff!, "commission");
    expect(globexView.chunks.every((c) => c.content.includes("Globex"))).toBe(true);
  });
});
