import type { Citation } from "@/lib/chat/messages";

const MARKER = /\[(\d{1,2})\]/g;

/**
 * The sources an answer actually cites, in the order it first cites them: a model is shown every
 * passage it may use, but the reader should see only those the answer rests on.
 */
export function citedInOrder(text: string, citations: Citation[]): Citation[] {
  const byNumber = new Map(citations.map((c) => [c.n, c]));
  const cited: Citation[] = [];
  for (const [, n] of text.matchAll(MARKER)) {
    const citation = byNumber.get(Number(n));
    if (citation && !cited.includes(citation)) cited.push(citation);
  }
  return cited;
}

/**
 * What the answer says on the strength of source n: each stretch of text that ends in a group of
 * markers including [n] ("A [1]. B [2][3]." gives "A" to 1 and "B" to 2 and 3). The source panel
 * highlights the passage's sentences that match it.
 */
export function sentencesCiting(text: string, n: number): string[] {
  return text.split(/\n+/).flatMap((paragraph) => {
    const parts = paragraph.split(/((?:\s*\[\d{1,2}\])+)/);
    const claims: string[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const markers = [...parts[i + 1]!.matchAll(MARKER)].map(([, m]) => Number(m));
      const claim = parts[i]!.replace(/^[\s.,;:!?。>_*-]+|[\s_*]+$/gu, "").trim();
      if (markers.includes(n) && claim) claims.push(claim);
    }
    return claims;
  });
}
