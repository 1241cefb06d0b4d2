import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { acceptUploads } from "@/lib/ingest/upload";
import { bytes, createTenant } from "@/tests/support/fixtures";

/**
 * A small company: a handbook for everyone, a sales-only plan, a Korean benefits page; and a second
 * tenant. The documents go through the real upload path (queued) and are indexed by the job code.
 */
export async function acmeWithDocuments() {
  const acme = await createTenant(
    "acme",
    ["sales", "engineering"],
    [
      { key: "admin", role: "admin", groups: [] },
      { key: "auditor", role: "auditor", groups: [] },
      { key: "seller", role: "employee", groups: ["sales"] },
      { key: "engineer", role: "employee", groups: ["engineering"] },
    ],
  );
  const admin = acme.users.admin!;
  await acceptUploads(admin, {
    files: [
      {
        fileName: "handbook.md",
        bytes: bytes(
          "# Handbook\n\n## Vacation\n\nEvery employee receives 25 vacation days per year. Unused days carry over until March.\n\n## Expenses\n\nSubmit expense claims within 30 days with receipts attached.\n",
        ),
      },
      { fileName: "휴가.md", bytes: bytes("# 휴가 규정\n\n연차 휴가는 입사 1년 후 15일이 부여됩니다. 휴가 신청은 인사팀에 합니다.\n") },
    ],
    readers: { everyone: true },
  });
  await acceptUploads(admin, {
    files: [
      { fileName: "commission.md", bytes: bytes("# Sales commission plan\n\nSales representatives earn a 12% commission on closed deals above quota.\n") },
    ],
    readers: { everyone: false, groupIds: [acme.groupIds.sales!], userIds: [] },
  });
  await drainIngestQueue();
  return acme;
}
