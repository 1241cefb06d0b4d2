import { notFound } from "next/navigation";
import { z } from "zod";
import { auditLocale } from "@/components/audit/locale";
import { RecordDetail } from "@/components/audit/record-detail";
import { getDecisionRecord } from "@/lib/audit/queries";
import { canReadAudit } from "@/lib/audit/readers";
import { pageUser } from "@/lib/auth/page-access";

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const reader = await pageUser();
  if (!canReadAudit(reader.role)) return null; // the layout shows why
  const record = z.uuid().safeParse(id).success ? await getDecisionRecord(reader, id) : null;
  if (!record) notFound();
  return <RecordDetail record={record} locale={await auditLocale()} />;
}
