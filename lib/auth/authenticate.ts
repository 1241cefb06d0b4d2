import "server-only";
import { findTenant } from "@/lib/auth/tenants";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordSignInAllowed } from "@/lib/auth/sign-in-settings";
import { loadUser, type AuthenticatedUser } from "@/lib/auth/user";
import { withTenant } from "@/lib/db/tenant";

export type SignInResult = { ok: true; user: AuthenticatedUser } | { ok: false; reason: "unknown_workspace" | "invalid_credentials" | "password_sign_in_off" };

// Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword("decoy password");

export async function authenticate(workspace: string, email: string, password: string): Promise<SignInResult> {
  const tenant = await findTenant({ slug: workspace.trim().toLowerCase() });
  if (!tenant) return { ok: false, reason: "unknown_workspace" };
  if (!(await withTenant(tenant.id, (tx) => passwordSignInAllowed(tx, tenant.id)))) return { ok: false, reason: "password_sign_in_off" };
  const found = await loadUser(tenant, { email: email.trim().toLowerCase() });
  const stored = found?.passwordHash ?? null;
  // Someone with no password yet (invited, or single sign-on only) fails like a wrong password.
  const matches = await verifyPassword(password, stored ?? (await decoyHash));
  if (!found || stored === null || !matches) return { ok: false, reason: "invalid_credentials" };
  const { passwordHash: _, ...user } = found;
  return { ok: true, user };
}
