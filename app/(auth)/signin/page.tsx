import { config } from "@/lib/config";
import { signInWithPassword, signInWithSso } from "./actions";

export const dynamic = "force-dynamic";

const MESSAGES: Record<string, string> = {
  unknown_workspace: "There is no workspace with that name. Check the spelling with your administrator.",
  invalid_credentials: "The email or password is not right.",
  password_sign_in_off: "This workspace signs in through single sign-on: use the button below.",
  sso_unmapped: "Your organisation's e-mail domain is not set up for Lore. Ask your administrator to add it.",
  sso_deactivated: "Your account in this workspace is deactivated. Ask your administrator.",
  sso_unverified_email: "Your identity provider has not verified your e-mail address, so Lore cannot sign you in with it.",
  sso_no_email: "Your identity provider did not tell Lore your e-mail address. Ask your administrator.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { error, notice, workspace, callbackUrl } = await searchParams;
  const { oidc, passwordSignIn, signInThrottle } = config();
  const lockoutMinutes = Math.round(signInThrottle.windowSeconds / 60);
  const message = (code: string) =>
    code === "too_many_attempts"
      ? `Too many failed sign-ins for this account or from this network. Wait ${lockoutMinutes} minutes, or ask your administrator for a password link.`
      : (MESSAGES[code] ?? "Sign-in failed. Please try again.");
  return (
    <main className="flex min-h-full items-center justify-center p-6">
      <div className="w-full max-w-sm space-y-4 rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
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
            {message(error)}
          </p>
        )}
        {passwordSignIn && (
          <form action={signInWithPassword} className="space-y-4">
            <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
            <label className="block text-sm font-medium">
              Workspace
              <input
                name="workspace"
                required
                defaultValue={workspace ?? ""}
                autoComplete="organization"
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
            </label>
            <label className="block text-sm font-medium">
              Email
              <input name="email" type="email" required autoComplete="username" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
            </label>
            <label className="block text-sm font-medium">
              Password
              <input
                name="password"
                type="password"
                required
                autoComplete="current-password"
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              />
            </label>
            <button type="submit" className="w-full rounded-md bg-indigo-600 px-3 py-2 font-medium text-white hover:bg-indigo-700">
              Sign in
            </button>
          </form>
        )}
        {oidc && (
          <form action={signInWithSso} className={passwordSignIn ? "border-t border-slate-200 pt-4" : ""}>
            <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
            <button type="submit" className="w-full rounded-md border border-slate-300 px-3 py-2 font-medium text-slate-800 hover:bg-slate-50">
              Sign in with {oidc.displayName}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
