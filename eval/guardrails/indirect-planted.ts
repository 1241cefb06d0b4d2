import { ratio } from "@/eval/guardrails/rates";
import type { InjectionRow } from "@/eval/guardrails/injection-rows";
import type { Detector } from "@/lib/guardrails/findings";

const POSITIONS = ["start", "middle", "end"] as const;

/**
 * Instruction payloads (rows meant to be planted in retrieved content, without a document around
 * them) planted into the clean documents of the data, at the start, in the middle or at the end in
 * turn: documents of the BIPIA kind built from payloads the e-mail set does not use. By payload family
 * (second segment of the category: text or code), with the false-positive rate on the clean documents.
 */
export function plantedPayloads(payloads: InjectionRow[], cleanDocuments: string[], detector: Detector) {
  if (payloads.length === 0 || cleanDocuments.length === 0) return null;
  const flagged = (text: string) => detector.scan(text).length > 0;
  const planted = payloads.map((payload, i) => ({
    family: (payload.category ?? "").split("/")[1] ?? "other",
    text: plant(cleanDocuments[i % cleanDocuments.length]!, payload.text, POSITIONS[i % POSITIONS.length]!),
  }));
  const families = [...new Set(planted.map((p) => p.family))].sort();
  return {
    tpr: ratio(planted.filter((p) => flagged(p.text)).length, planted.length),
    fpr: ratio(cleanDocuments.filter(flagged).length, cleanDocuments.length),
    n_positive: planted.length,
    n_negative: cleanDocuments.length,
    by_family: Object.fromEntries(
      families.map((family) => {
        const group = planted.filter((p) => p.family === family);
        return [family, { tpr: ratio(group.filter((p) => flagged(p.text)).length, group.length), n: group.length }];
      }),
    ),
  };
}

function plant(document: string, payload: string, position: (typeof POSITIONS)[number]): string {
  if (position === "start") return `${payload}\n${document}`;
  if (position === "end") return `${document}\n${payload}`;
  const cut = document.indexOf("\n", Math.floor(document.length / 2));
  return cut < 0 ? `${document}\n${payload}` : `${document.slice(0, cut)}\n${payload}${document.slice(cut)}`;
}
