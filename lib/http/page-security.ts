import { NextResponse, type NextRequest } from "next/server";

/**
 * The Content-Security-Policy of every page, with a fresh nonce per response: Next.js reads the
 * policy from the request headers set here and puts the nonce on its own scripts, and
 * 'strict-dynamic' lets those load the rest of the app. Nothing else runs: no inline script, no eval
 * (except in development, where React needs it), no plugin. Images come only from the app itself (or
 * data:/blob: URLs it made), so an answer or document that names a remote image cannot make the
 * browser fetch it, the classic way for a planted prompt to smuggle data out. No site may frame a
 * page (clickjacking). Forms post only to the app, and to the single sign-on provider it sends people
 * to (`formTargets`). Style attributes stay allowed: the app sets widths inline, and with images,
 * fonts and connections limited to the app, a style cannot send anything anywhere.
 */
export function pageContentSecurityPolicy(nonce: string, options: { formTargets?: readonly string[]; development?: boolean } = {}): string {
  const development = options.development ?? process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // In development Next.js injects styles without a nonce.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    ["form-action 'self'", ...(options.formTargets ?? [])].join(" "),
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Lets a page request through with its own nonce and Content-Security-Policy. */
export function securedPage(request: NextRequest, formTargets: readonly string[] = []): NextResponse {
  const nonce = btoa(crypto.randomUUID());
  const policy = pageContentSecurityPolicy(nonce, { formTargets });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}
