import "server-only";
import { config } from "@/lib/config";
import { withTenant, type TenantTx } from "@/lib/db/tenant";

export type SignInMethod = "password" | "oidc";
export type RevokedWhy = "signed_out" | "deactivated" | "revoked";

/**
 * Server-side sessions behind the signed session cookie. The cookie only names a session; whether it
 * is still live is decided here on every request, so signing out or deactivating someone ends their
 * sessions at once instead of when the cookie expires (issue 13 point 5).
 */
export async function openSession(user: { id: string; tenantId: string }, method: SignInMethod, now = new Date()): Promise<string> {
  const { lifetimeSeconds } = config().sessions;
  return withTenant(user.tenantId, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    const session = await tx.session.create({
      data: { tenantId: user.tenantId, userId: user.id, method, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + lifetimeSeconds * 1000) },
      select: { id: true },
    });
    return session.id;
  });
}

/**
 * In the request's tenant transaction: true when the session belongs to this user and is neither
 * revoked, past its lifetime nor idle for longer than the idle timeout. A live session's idle clock
 * restarts; the write is skipped while the last one is recent, so most requests only read.
 */
export async function touchSession(tx: TenantTx, session: { id: string; userId: string }, now = new Date()): Promise<boolean> {
  const { idleTimeoutSeconds } = config().sessions;
  const idleSince = new Date(now.getTime() - idleTimeoutSeconds * 1000);
  const live = await tx.session.findFirst({
    where: { id: session.id, userId: session.userId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: idleSince } },
    select: { lastSeenAt: true },
  });
  if (!live) return false;
  if (now.getTime() - live.lastSeenAt.getTime() > touchIntervalMs(idleTimeoutSeconds)) {
    await tx.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return true;
}

// A twentieth of the idle timeout (at most a minute): the timeout is then exact to within 5 %.
function touchIntervalMs(idleTimeoutSeconds: number): number {
  return Math.min(60_000, (idleTimeoutSeconds * 1000) / 20);
}

/** Ends one session (sign-out). Ending an unknown or already ended session is not an error. */
export async function revokeSession(tenantId: string, sessionId: string, why: RevokedWhy, now = new Date()): Promise<void> {
  await withTenant(tenantId, (tx) => tx.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now, revokedWhy: why } }));
}

/** In the caller's transaction: ends every live session of a user (deactivation, a forced sign-out). */
export async function revokeUserSessions(tx: TenantTx, userId: string, why: RevokedWhy, now = new Date()): Promise<number> {
  const { count } = await tx.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedWhy: why } });
  return count;
}
