import NextAuth, { CredentialsSignin, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { OIDCConfig } from "next-auth/providers";
import { z } from "zod";
import { authenticate } from "@/lib/auth/authenticate";
import { clientAddress } from "@/lib/auth/client-address";
import { baseAuthConfig } from "@/lib/auth/config";
import { openSession, revokeSession } from "@/lib/auth/sessions";
import { signInFromIdentityProvider } from "@/lib/auth/single-sign-on";
import type { AuthenticatedUser } from "@/lib/auth/user";
import { config, type OidcSettings } from "@/lib/config";
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

/** The id of the single sign-on provider in next-auth's routes (/api/auth/callback/oidc). */
export const SSO_PROVIDER_ID = "oidc";

/** What the session token carries about a signed-in user (see baseAuthConfig's jwt callback). */
function tokenUser(user: AuthenticatedUser, sessionId: string): User {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    tenantId: user.tenantId,
    tenantSlug: user.tenantSlug,
    tenantName: user.tenantName,
    role: user.role,
    groupNames: user.groupNames,
    sessionId,
  };
}

const credentials = Credentials({
  credentials: { workspace: {}, email: {}, password: {} },
  async authorize(raw, request) {
    const parsed = credentialsSchema.safeParse(raw);
    if (!parsed.success) throw new SignInRefused("invalid_credentials");
    const result = await authenticate(
      parsed.data.workspace,
      parsed.data.email,
      parsed.data.password,
      clientAddress(request.headers, config().trustedProxyHops),
    );
    if (!result.ok) throw new SignInRefused(result.reason);
    return tokenUser(result.user, await openSession(result.user, "password"));
  },
});

// The company's identity provider, discovered from its issuer; authorization code flow with PKCE,
// state and nonce. Who the person is in Lore is decided in the signIn callback below.
function singleSignOn(settings: OidcSettings): OIDCConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: settings.displayName,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: settings.scopes } },
    profile: (profile) => ({ id: String(profile.sub), email: String(profile.email ?? ""), name: String(profile.name ?? "") }),
  };
}

// Configured lazily (a function) so the signing secret is read when a request arrives, not at build.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const { oidc, passwordSignIn } = config();
  return {
    ...baseAuthConfig(),
    providers: [...(passwordSignIn ? [credentials] : []), ...(oidc ? [singleSignOn(oidc)] : [])],
    callbacks: {
      ...baseAuthConfig().callbacks,
      // A person back from the identity provider is mapped to a workspace, provisioned and given the
      // claimed groups and role; a refusal goes back to the sign-in page with its reason. next-auth
      // hands this same `user` object to the jwt callback, which is how the Lore user reaches the token.
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        if (!oidc || !profile) return "/signin?error=sso_failed";
        const result = await signInFromIdentityProvider(oidc, {
          subject: account.providerAccountId,
          email: profile.email,
          emailVerified: profile.email_verified,
          name: profile.name,
          groups: profile[oidc.groupsClaim],
          role: profile[oidc.roleClaim],
        });
        if (!result.ok) return `/signin?error=${result.reason}`;
        Object.assign(user, tokenUser(result.user, await openSession(result.user, "oidc")));
        return true;
      },
    },
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
  };
});
