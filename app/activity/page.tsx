import { ActivityLog } from "@/components/admin/people/activity-log";
import { listActivity } from "@/lib/auth/people/activity";
import { pageUser } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

/** The admin activity log, for auditors: every change to people, groups and roles. */
export default async function ActivityPage() {
  const auditor = await pageUser();
  if (auditor.role !== "auditor") return null; // the layout shows why
  const first = await listActivity(auditor.tenantId, { limit: 50 });
  return (
    <div className="mx-auto max-w-6xl space-y-6 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Admin activity</h1>
        <p className="text-sm text-slate-500">
          Who changed people, groups and roles in this workspace, when, and what they were before and after. Entries cannot be changed or removed.
        </p>
      </div>
      <ActivityLog initial={first} />
    </div>
  );
}
