import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";
import { LoreError } from "@/lib/errors";

/**
 * The instance operator: not a person in any workspace, but whoever holds LORE_OPERATOR_TOKEN. Without
 * it the operator's page and API do not exist (404), so a deployment that creates workspaces only with
 * `npm run workspace` exposes nothing.
 */
const SURFACE = "operator";

export const operatorEnabled = (): boolean => config().operatorToken !== null;

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Requires `Authorization: Bearer <LORE_OPERATOR_TOKEN>`, compared in constant time. */
export function requireOperator(request: Request): void {
  const token = config().operatorToken;
  if (token === null) throw new LoreError("not_found", SURFACE, "There is no such page.");
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(given), digest(token))) throw new LoreError("unauthorized", SURFACE, "The operator token is not right.");
}
