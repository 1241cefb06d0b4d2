import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticate } from "@/lib/auth/authenticate";
import { baseAuthConfig } from "@/lib/auth/config";
import { openSession, revokeSession } from "@/lib/auth/sessions";
import { logger } from "@/lib/log";

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

const credentialsSchema = z.object({
  workspace: z.string().trim().min(1).max(100),
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1000),
});

// Configured lazily (a function) so the signing secret is read when a request arrives, not at build.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...baseAuthConfig(),
  providers: [
    Credentials({
      credentials: { workspace: {}, email: {}, password: {} },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new SignInRefused("invalid_credentials");
        const result = await authenticate(parsed.data.workspace, parsed.data.email, parsed.data.password);
        if (!result.ok) throw new SignInRefused(result.reason);
        const { user } = result;
        const sessionId = await openSession(user, "password");
        return {
          sessionId,
          id: user.id,
          name: user.name,
          email: user.email,
          tenantId: user.tenantId,
          tenantSlug: user.tenantSlug,
          tenantName: user.tenantName,
          role: user.role,
          groupNames: user.groupNames,
        };
      },
    }),
  ],
  events: {
    // Sign-out ends the server-side session, so the cookie is worthless even to someone who copied it.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (typeof token?.sid !== "string" || typeof token.tid !== "string") return;
      try {
        await revokeSession(token.tid, token.sid, "signed_out");
      } catch (error) {
        // next-auth clears the cookie whatever happens here; the failure must at least be seen.
        logger().error({ err: error, sessionId: token.sid }, "could not revoke a session at sign-out");
      }
    },
  },
}));
