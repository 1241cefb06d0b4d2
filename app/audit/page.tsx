import { ChainStatus } from "@/components/audit/chain-status";
import { RecordTable } from "@/components/audit/record-table";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";
import { listDecisionRecords } from "@/lib/audit/queries";
import { verifyDecisionLog } from "@/lib/audit/checkpoints";

export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const auditor = await pageUser();
  if (!canReadAudit(auditor.role)) return null; // the layout shows why
  const [records, chain] = [await listDecisionRecords(auditor), await verifyDecisionLog(auditor.tenantId)];
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Audit log</h1>
          <p className="text-sm text-slate-500">Every chat turn leaves one record: who asked what, which passages were used or withheld, and what was answered.</p>
        </div>
        <ChainStatus chain={chain} />
      </div>
      <RecordTable records={records} />
    </div>
  );
}
