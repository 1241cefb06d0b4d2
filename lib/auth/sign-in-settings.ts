import "server-only";
import { actorOf, recordActivity } from "@/lib/auth/people/activity";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config } from "@/lib/config";
import { withTenant, type TenantTx } from "@/lib/db/tenant";
import { LoreError } from "@/lib/errors";

/**
 * Whether a workspace's people may sign in with a password. The environment can forbid it for all
 * (PASSWORD_SIGN_IN=false); a workspace's admins can switch it off for theirs once single sign-on
 * is configured, so that leaving the company's identity provider also ends access to Lore.
 */
export async function passwordSignInAllowed(tx: TenantTx, tenantId: string): Promise<boolean> {
  if (!config().passwordSignIn) return false;
  const settings = await tx.signInSettings.findUnique({ where: { tenantId } });
  return settings?.passwordSignIn ?? true;
}

export type SignInOptions = { passwordSignIn: boolean; singleSignOn: string | null; environmentAllowsPasswords: boolean };

export async function signInOptions(tenantId: string): Promise<SignInOptions> {
  return {
    passwordSignIn: await withTenant(tenantId, (tx) => passwordSignInAllowed(tx, tenantId)),
    singleSignOn: config().oidc?.displayName ?? null,
    environmentAllowsPasswords: config().passwordSignIn,
  };
}

export async function setPasswordSignIn(admin: AuthenticatedUser, on: boolean): Promise<SignInOptions> {
  if (!on && !config().oidc) {
    throw new LoreError(
      "unprocessable",
      "sign-in",
      "Password sign-in can only be switched off once single sign-on is configured: nobody could sign in otherwise.",
    );
  }
  if (on && !config().passwordSignIn)
    throw new LoreError("unprocessable", "sign-in", "Password sign-in is switched off for this whole installation (PASSWORD_SIGN_IN=false).");
  await withTenant(admin.tenantId, async (tx) => {
    const before = await passwordSignInAllowed(tx, admin.tenantId);
    if (before === on) return;
    await tx.signInSettings.upsert({
      where: { tenantId: admin.tenantId },
      create: { tenantId: admin.tenantId, passwordSignIn: on },
      update: { passwordSignIn: on },
    });
    await recordActivity(tx, admin.tenantId, actorOf(admin), {
      action: "workspace.password_sign_in",
      targetType: "workspace",
      targetId: admin.tenantId,
      targetLabel: admin.tenantSlug,
      before: { passwordSignIn: before },
      after: { passwordSignIn: on },
    });
  });
  return signInOptions(admin.tenantId);
}
