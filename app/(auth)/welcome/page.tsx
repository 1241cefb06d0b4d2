import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { welcomeLinkHolder } from "@/lib/auth/people/welcome-links";
import { PasswordForm } from "./password-form";

export const dynamic = "force-dynamic";

/** Where a one-time link from an admin leads: the person chooses their password. */
export default async function WelcomePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { workspace = "", token = "" } = await searchParams;
  const holder = await welcomeLinkHolder(workspace, token);
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        {holder ? (
          <>
            <div>
              <h1 className="text-2xl font-semibold">Welcome to Lore, {holder.name}</h1>
              <p className="mt-1 text-sm text-slate-500">
                Choose the password for <strong>{holder.email}</strong> in the workspace <strong>{workspace}</strong>: at least {MIN_PASSWORD_LENGTH}{" "}
                characters. A sentence you remember works well.
              </p>
            </div>
            <PasswordForm workspace={workspace} token={token} email={holder.email} minLength={MIN_PASSWORD_LENGTH} />
          </>
        ) : (
          <div role="alert" className="space-y-2">
            <h1 className="text-xl font-semibold">This link no longer works</h1>
            <p className="text-sm text-slate-600">It has expired or was already used. Ask your administrator for a new one.</p>
            <a href="/signin" className="text-sm text-indigo-700 underline">
              Go to sign-in
            </a>
          </div>
        )}
      </div>
    </main>
  );
}
