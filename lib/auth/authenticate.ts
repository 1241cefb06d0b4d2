import "server-only";
import { findTenant } from "@/lib/auth/tenants";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/auth/password";
import { passwordSignInAllowed } from "@/lib/auth/sign-in-settings";
import { admitAttempt, attemptSucceeded } from "@/lib/auth/sign-in-throttle";
import { loadUser, type AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";

export type SignInResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "unknown_workspace" | "invalid_credentials" | "password_sign_in_off" }
  | { ok: false; reason: "too_many_attempts"; retryAfterSeconds: number };

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword("decoy password");

/**
 * Password sign-in. Failures look and take the same whether or not the e-mail exists (the decoy
 * hash), and are throttled per account and per address (lib/auth/sign-in-throttle.ts).
 */
export async function authenticate(workspace: string, email: string, password: string, address: string | null = null): Promise<SignInResult> {
  const attempt = { workspace, email, address };
  const wait = await admitAttempt(attempt);
  if (wait > 0) return { ok: false, reason: "too_many_attempts", retryAfterSeconds: wait };
  const tenant = await findTenant({ slug: workspace.trim().toLowerCase() });
  if (!tenant) return { ok: false, reason: "unknown_workspace" };
  if (!(await withTenant(tenant.id, (tx) => passwordSignInAllowed(tx, tenant.id)))) return { ok: false, reason: "password_sign_in_off" };
  const found = await loadUser(tenant, { email: email.trim().toLowerCase() });
  const stored = found?.passwordHash ?? null;
  // Someone with no password yet (invited, or single sign-on only) fails like a wrong password.
  const matches = await verifyPassword(password, stored ?? (await decoyHash));
  if (!found || stored === null || !matches) return { ok: false, reason: "invalid_credentials" };
  await attemptSucceeded(attempt);
  if (needsRehash(stored)) {
    const upgraded = await hashPassword(password);
    await withTenant(tenant.id, (tx) => tx.user.update({ where: { id: found.id }, data: { passwordHash: upgraded } }));
  }
  const { passwordHash: _, ...user } = found;
  return { ok: true, user };
}
