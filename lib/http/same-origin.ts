const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery: a page elsewhere makes a signed-in person's browser send a
 * state-changing request. A page on another port of this host is the same "site" to a browser, so
 * SameSite cookies do not stop it; what does is that browsers say where a request comes from:
 * Sec-Fetch-Site, and Origin on every POST, PUT and DELETE. A request that says it comes from anywhere
 * but the app's own origin is refused. One that says nothing was not sent by a browser (which always
 * names the origin of an unsafe request), so it carries nobody's cookies by accident.
 *
 * The app's origin is `appOrigin` (APP_ORIGIN) when configured, else the host the request was sent
 * to (X-Forwarded-Host first, as Next.js checks server actions): a page elsewhere can set neither.
 *
 * Returns why the request is refused, or null when it may go on.
 */
export function crossSiteReason(request: Request, appOrigin: string | null): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-site") return "another site on this host or domain";
  if (site === "cross-site") return "another site";
  if (site !== null && site !== "same-origin") return "outside Lore's pages";
  const origin = request.headers.get("origin");
  if (origin === null || isAppOrigin(origin, request, appOrigin)) return null;
  return origin === "null" ? "a page without an origin" : `another origin (${origin.slice(0, 100)})`;
}

/** What a refused request is told. */
export function crossSiteMessage(reason: string): string {
  return `This request was refused because it came from ${reason}. Use Lore's own pages.`;
}

function isAppOrigin(origin: string, request: Request, appOrigin: string | null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (appOrigin) return parsed.origin === appOrigin;
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  return host !== null && parsed.host === host.toLowerCase();
}
