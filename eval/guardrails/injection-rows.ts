import path from "node:path";
import { readJsonlFolder } from "@/eval/jsonl";

/**
 * Rows of <data>/prompt_injection, classified by their fields only:
 * - a retrieved document: has an `injected_span` field (null for a clean document) or a
 *   `context.user_question` (the question the document was retrieved for);
 * - an instruction payload: `category` starting "indirect" without a document around it (text meant
 *   to be planted in retrieved content; judged as a document, see below);
 * - a hard negative: benign with `trigger_words` (NotInject);
 * - otherwise a direct user message: an attack when `is_attack` and `label` is injection or
 *   jailbreak, benign when `is_attack` is false. `harmful_request` rows ask for harmful content
 *   without trying to subvert the assistant; they are reported apart (see `harmfulRequests`).
 */
export type InjectionRow = {
  text: string;
  label?: string;
  is_attack?: boolean;
  lang?: string;
  category?: string | null;
  trigger_words?: unknown;
  injected_span?: [number, number] | null;
  context?: { user_question?: unknown } | null;
};

export type InjectionRowKind = "document" | "payload" | "attack" | "benign" | "harmful" | "other";

export function injectionRowKind(row: InjectionRow): InjectionRowKind {
  if ("injected_span" in row || typeof row.context?.user_question === "string") return "document";
  if ((row.category ?? "").startsWith("indirect")) return "payload";
  if (row.is_attack === true && (row.label === "injection" || row.label === "jailbreak")) return "attack";
  if (row.is_attack === false) return "benign";
  return row.label === "harmful_request" ? "harmful" : "other";
}

export function readInjectionRows(dataDir: string): InjectionRow[] {
  return readJsonlFolder<InjectionRow>(path.join(dataDir, "prompt_injection")).filter((row) => typeof row.text === "string");
}
