import type { NextAuthConfig } from "next-auth";
import { authSecret, config } from "@/lib/config";
import type { Role } from "@/lib/generated/prisma/enums";

/**
 * The part of the sign-in setup that needs no database: how sessions are signed, kept and exposed.
 * The proxy uses only this; lib/auth/auth.ts adds the credentials provider.
 * The token carries the user's, tenant's and server-side session's ids plus what the UI shows (role,
 * groups); whether the session is still live and what the user may do are decided from the database
 * on each request (lib/auth/session.ts).
 */
export function baseAuthConfig(): NextAuthConfig {
  return {
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: config().sessions.lifetimeSeconds },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.tid = user.tenantId;
          token.tenantSlug = user.tenantSlug;
          token.tenantName = user.tenantName;
          token.role = user.role;
          token.groupNames = user.groupNames;
          token.sid = user.sessionId;
        }
        return token;
      },
      session({ session, token }) {
        session.sessionId = typeof token.sid === "string" ? token.sid : undefined;
        session.user = {
          ...session.user,
          id: String(token.uid),
          name: String(token.name ?? ""),
          email: String(token.email ?? ""),
          tenantId: String(token.tid),
          tenantSlug: String(token.tenantSlug),
          tenantName: String(token.tenantName),
          role: token.role as Role,
          groupNames: Array.isArray(token.groupNames) ? token.groupNames.map(String) : [],
        };
        return session;
      },
    },
  };
}
