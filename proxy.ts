import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { baseAuthConfig } from "@/lib/auth/config";

// Pages need a session; without one the browser is sent to sign in and brought back afterwards.
// API routes answer 401 themselves (a redirect is no answer for a fetch), so they are not matched.
const { auth } = NextAuth(baseAuthConfig);

const requireSession = auth((request) => {
  if (request.auth) return NextResponse.next();
  const signIn = new URL("/signin", request.nextUrl);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
});

// With a lazily read configuration, next-auth hands back the wrapped handler as a promise.
type Handler = (request: NextRequest, event: NextFetchEvent) => Promise<Response | undefined>;

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const handler = (await (requireSession as unknown as Promise<Handler> | Handler)) as Handler;
  return handler(request, event);
}

export const config = {
  matcher: ["/((?!api|signin|welcome|operator|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|ico)$).*)"],
};
