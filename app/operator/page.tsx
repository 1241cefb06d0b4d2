import { notFound } from "next/navigation";
import { OperatorConsole } from "@/components/operator/operator-console";
import { operatorEnabled } from "@/lib/auth/operator";

export const dynamic = "force-dynamic";

/** The instance operator's page (only with LORE_OPERATOR_TOKEN set): workspaces and their first admins. */
export default function OperatorPage() {
  if (!operatorEnabled()) notFound();
  return (
    <main className="mx-auto max-w-4xl space-y-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Workspaces</h1>
        <p className="text-sm text-slate-500">For this Lore instance&apos;s operator: create a workspace with its first admin, who then adds everyone else.</p>
      </div>
      <OperatorConsole />
    </main>
  );
}
