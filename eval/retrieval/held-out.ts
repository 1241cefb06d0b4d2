import { createHash } from "node:crypto";

/**
 * Which half of the development data a question belongs to: parameters are chosen on the tuning
 * half and checked on the held-out half. Whole articles (titles) go to one side, so a held-out
 * question never shares its article with a question that tuned the ranking.
 */
export function isHeldOut(article: string): boolean {
  return createHash("sha256").update(article).digest()[0]! % 2 === 1;
}
