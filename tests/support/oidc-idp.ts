import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A person the test identity provider knows: login name → the claims it sends. */
export type IdpAccount = { email: string; email_verified?: boolean; name: string; groups?: string[]; role?: string };

export const IDP_CLIENT = { id: "lore-tests", secret: "lore-tests-secret-0123456789abcdef0123456789" };

/**
 * A real OpenID Connect provider (the npm package oidc-provider) on localhost for the sign-in tests:
 * authorization code flow with PKCE, its built-in login and consent pages (the login name picks the
 * account; any password is accepted). Accounts can be changed while it runs, as an IdP admin would.
 */
export async function startIdentityProvider(redirectUri: string, accounts: Map<string, IdpAccount>) {
  const server = (await import("node:http")).createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: IDP_CLIENT.id,
        client_secret: IDP_CLIENT.secret,
        redirect_uris: [redirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"], groups: ["groups", "role"] },
    scopes: ["openid", "email", "profile", "groups"],
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, email_verified: true, ...account }) };
    },
    // next-auth reads e-mail, name and groups from the ID token, not from the userinfo endpoint.
    conformIdTokenClaims: false,
    cookies: { keys: ["lore-tests-idp-cookie-key"] },
    features: { devInteractions: { enabled: true } },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
