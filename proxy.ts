import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/config";
import { config as appConfig } from "@/lib/config";
import { securedPage } from "@/lib/http/page-security";
import { crossSiteMessage, crossSiteReason } from "@/lib/http/same-origin";

// Pages need a session, except signing in, choosing a password from a welcome link and the
// operator's page (its token is checked by its API); without one
// the browser is sent to sign in and brought back afterwards. API routes answer 401 themselves (a
// redirect is no answer for a fetch), so they are not matched (nor read here: a proxy that matches a
// route makes Next.js buffer its body). Every page gets its Content-Security-Policy here, and a form
// post or server action from another site is refused before it reaches one (API routes check the
// same in lib/http.ts).
const { auth } = NextAuth(baseAuthConfig);

// The single sign-on provider is the one other place a form here leads to.
const pageFor = (request: NextRequest) => {
  const sso = appConfig().oidc;
  return securedPage(request, sso ? [new URL(sso.issuer).origin] : []);
};

const requireSession = auth((request) => {
  if (request.auth) return pageFor(request);
  const signIn = new URL("/signin", request.nextUrl);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
});

const PUBLIC_PAGES = /^\/(signin|welcome|operator)(\/|$)/;

// With a lazily read configuration, next-auth hands back the wrapped handler as a promise.
type Handler = (request: NextRequest, event: NextFetchEvent) => Promise<Response | undefined>;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const crossSite = crossSiteReason(request, appConfig().appOrigin);
  if (crossSite) return new NextResponse(crossSiteMessage(crossSite), { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (PUBLIC_PAGES.test(request.nextUrl.pathname)) return pageFor(request);
  const handler = (await (requireSession as unknown as Promise<Handler> | Handler)) as Handler;
  return handler(request, event);
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
