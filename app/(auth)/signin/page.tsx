import { signInWithPassword } from "./actions";

const MESSAGES: Record<string, string> = {
  unknown_workspace: "There is no workspace with that name. Check the spelling with your administrator.",
  invalid_credentials: "The email or password is not right.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { error, notice, workspace, callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <form action={signInWithPassword} className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <div>
          <h1 className="text-2xl font-semibold">Sign in to Lore</h1>
          <p className="mt-1 text-sm text-slate-500">Answers from your company&apos;s documents.</p>
        </div>
        {notice === "password_set" && !error && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Your password is set. Sign in with it.
          </p>
        )}
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {MESSAGES[error] ?? "Sign-in failed. Please try again."}
          </p>
        )}
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
        <label className="block text-sm font-medium">
          Workspace
          <input name="workspace" required defaultValue={workspace ?? ""} autoComplete="organization" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="block text-sm font-medium">
          Email
          <input name="email" type="email" required autoComplete="username" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input name="password" type="password" required autoComplete="current-password" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <button type="submit" className="w-full rounded-md bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700">
          Sign in
        </button>
      </form>
    </main>
  );
}
