import { DocumentsManager } from "@/components/admin/documents-manager";
import { pageUser } from "@/lib/auth/page-access";
import { documentsOverview, listPrincipals } from "@/lib/ingest/documents";

export const dynamic = "force-dynamic";

export default async function DocumentsPage() {
  const user = await pageUser();
  if (user.role !== "admin") return null; // the layout shows why
  const [overview, principals] = [await documentsOverview(user), await listPrincipals(user)];
  return (
    <div className="mx-auto max-w-6xl space-y-8 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Documents</h1>
        <p className="text-sm text-slate-500">
          Upload documents and choose who may read them. Files are indexed in the background; answers only ever use passages the asker may read.
        </p>
      </div>
      <DocumentsManager initial={overview} groups={principals.groups} users={principals.users} />
    </div>
  );
}
