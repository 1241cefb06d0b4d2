import { notFound } from "next/navigation";
import { z } from "zod";
import { RecordDetail } from "@/components/audit/record-detail";
import { pageUser } from "@/lib/auth/page-access";
import { getDecisionRecord } from "@/lib/audit/queries";

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const auditor = await pageUser();
  if (auditor.role !== "auditor") return null;
  const record = z.uuid().safeParse(id).success ? await getDecisionRecord(auditor, id) : null;
  if (!record) notFound();
  return <RecordDetail record={record} />;
}
