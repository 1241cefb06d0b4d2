/**
 * The network address a request came from, for limits per address. Each proxy appends the address
 * it was reached from to X-Forwarded-For, and so does Lore's own server (scripts/server.mjs) for the
 * connection it accepted; entries further left are whatever the client wrote. With `trustedProxyHops`
 * proxies in front of the app (TRUSTED_PROXY_HOPS), the client is the entry that many places left
 * of the last one: the address the outermost trusted proxy saw. With none, it is the last entry,
 * the connection's own address, whatever the client claimed.
 */
export function clientAddress(headers: Headers, trustedProxyHops: number): string | null {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  // A shorter chain came past fewer proxies than configured (someone reached the app around them):
  // then only the connection's own address, the last entry, is not the client's word.
  return chain.at(chain.length > trustedProxyHops ? -1 - trustedProxyHops : -1) ?? null;
}
