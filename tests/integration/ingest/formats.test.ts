import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { LoreError } from "@/lib/errors";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { acceptUploads } from "@/lib/ingest/upload";
import { retrieve } from "@/lib/retrieval/hybrid-search";
import { migratedDatabase } from "@/tests/support/database";
import { createTenant } from "@/tests/support/fixtures";
import { chunkRows, queueFiles, storedDocument } from "@/tests/support/ingest";
import { makeDocx, makePasswordProtectedPdf, makePdf, makePptx, makeScannedPdf, makeXlsx, makeZipBombDocx, utf8 } from "@/tests/support/make-documents";

let db: Database;
let tenant: Awaited<ReturnType<typeof createTenant>>;
const admin = () => tenant.users.admin!;
const employee = () => tenant.users.employee!;

beforeAll(async () => {
  db = await migratedDatabase();
  tenant = await createTenant(
    "formats",
    [],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "employee", role: "employee", groups: [] },
    ],
  );
});
afterAll(() => db.close());

describe("every format through upload, the job queue and the index", () => {
  it("queues several files at once, then indexes each so that its passages are found", async () => {
    const files = [
      { fileName: "leave-ko.pdf", bytes: await makePdf([["연차 휴가 규정"], ["연차 휴가는 입사 1년 후 15일이 부여됩니다.", "휴가 신청은 인사팀에 합니다."]]) },
      {
        fileName: "travel.pdf",
        bytes: await makePdf([["Travel policy"], ["Economy class is booked for flights under six hours.", "Receipts are kept for audit."]]),
      },
      { fileName: "보안-ko.docx", bytes: await makeDocx([{ heading: "보안 규정", level: 1 }, { paragraph: "노트북은 퇴근 시 잠금 캐비닛에 보관합니다." }]) },
      {
        fileName: "budget.xlsx",
        bytes: await makeXlsx([
          {
            name: "Budget",
            rows: [
              ["Project", "Budget"],
              ["Zephyrus", 480000],
            ],
          },
        ]),
      },
      { fileName: "roadmap.pptx", bytes: await makePptx([{ title: "Roadmap", body: ["The quasar launch is planned for spring."] }]) },
      { fileName: "wiki.html", bytes: utf8("<html><body><h1>Wiki</h1><p>The marimba room is on floor seven.</p></body></html>") },
      { fileName: "people.csv", bytes: utf8("name,desk\nGwendolyn,desk forty-two\n") },
      { fileName: "notes.md", bytes: utf8("# Notes\n\nThe xylophone rehearsal is on Thursday.\n") },
      { fileName: "memo.txt", bytes: utf8("The octopus aquarium is cleaned every Monday.\n") },
    ];
    const ids = await queueFiles(admin(), files);
    expect(ids).toHaveLength(files.length);
    for (const id of ids) expect((await storedDocument(admin(), id)).status).toBe("queued");
    // Nothing is searchable before the jobs run.
    expect((await retrieve(employee(), "xylophone rehearsal")).chunks).toEqual([]);

    expect(await drainIngestQueue()).toHaveLength(files.length);
    for (const id of ids) {
      const document = await storedDocument(admin(), id);
      expect(document, document.fileName).toMatchObject({ status: "ready", error: null });
      expect(document.chunkCount).toBeGreaterThan(0);
    }
    const found = async (question: string) =>
      (await retrieve(employee(), question)).chunks
        .slice(0, 3)
        .map((c) => c.content)
        .join("\n");
    expect(await found("연차 휴가는 며칠인가요?")).toContain("15일");
    expect(await found("economy class flights")).toContain("six hours");
    expect(await found("노트북 보관")).toContain("잠금 캐비닛");
    expect(await found("Zephyrus budget")).toContain("480000");
    expect(await found("quasar launch")).toContain("spring");
    expect(await found("marimba room")).toContain("floor seven");
    expect(await found("Gwendolyn desk")).toContain("forty-two");
    expect(await found("xylophone rehearsal")).toContain("Thursday");
    expect(await found("octopus aquarium")).toContain("Monday");
    // A PDF's passages keep their page numbers for citations.
    expect((await retrieve(employee(), "economy class flights")).chunks.find((c) => c.content.includes("six hours"))?.page).toBe(2);
  });

  it.each([
    ["locked.pdf", () => makePasswordProtectedPdf(), /password-protected/],
    ["cut-short.pdf", async () => (await makePdf([["A PDF that ends too soon"]])).slice(0, 400), /incomplete PDF/],
    ["scan.pdf", () => makeScannedPdf(), /no extractable text.*scanned/],
    ["bomb.docx", () => makeZipBombDocx(200), /zip bomb|expand/],
    ["headings.md", async () => utf8("# Only a title\n\n## And a heading\n"), /contains no text to index/],
  ])("shows why %s could not be indexed, on the document, and indexes none of it", async (fileName, make, reason) => {
    const [id] = await queueFiles(admin(), [{ fileName, bytes: await make() }]);
    await drainIngestQueue();
    const document = await storedDocument(admin(), id!);
    expect(document.status).toBe("failed");
    expect(document.error).toMatch(reason);
    expect(document.error).toContain(fileName);
    expect(await chunkRows(admin(), id!)).toEqual([]);
  });

  it.each([
    ["tool.exe", utf8("MZ binary"), "unsupported_media_type", /not a supported file type/],
    ["empty.md", new Uint8Array(), "unprocessable", /empty/],
    ["report.txt", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0x01]), "unsupported_media_type", /binary|PDF/],
  ])("refuses %s at upload time, storing nothing", async (fileName, bytes, type, message) => {
    const before = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ingest_jobs`;
    const refusal = await acceptUploads(admin(), {
      files: [
        { fileName: "fine.md", bytes: utf8("# Fine\n\nA fine file.") },
        { fileName, bytes },
      ],
      readers: { everyone: true },
    }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LoreError);
    expect(refusal).toMatchObject({ type, message: expect.stringMatching(message) });
    const after = await db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM ingest_jobs`;
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
