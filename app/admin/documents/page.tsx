import { DocumentTable } from "@/components/admin/document-table";
import { UploadForm } from "@/components/admin/upload-form";
import { pageUser } from "@/lib/auth/page-access";
import { listDocuments, listPrincipals } from "@/lib/ingest/documents";

export const dynamic = "force-dynamic";

export default async function DocumentsPage() {
  const user = await pageUser();
  if (user.role !== "admin") return null; // the layout shows why
  const [documents, principals] = [await listDocuments(user), await listPrincipals(user)];
  return (
    <div className="mx-auto max-w-5xl space-y-8 p-6">
      <div>
        <h1 className="text-2xl font-semibold">Documents</h1>
        <p className="text-sm text-slate-500">Upload documents and choose who may read them. Answers only ever use passages the asker may read.</p>
      </div>
      <UploadForm groups={principals.groups} users={principals.users} />
      <DocumentTable documents={documents} />
    </div>
  );
}
