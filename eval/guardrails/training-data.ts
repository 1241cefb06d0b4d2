import path from "node:path";
import { injectionRowKind, readInjectionRows } from "@/eval/guardrails/injection-rows";
import { shuffled, type Example } from "@/eval/guardrails/linear-training";
import { readJsonlFolder } from "@/eval/jsonl";
import { foldForInjection } from "@/lib/guardrails/detectors/injection-scoring";

export const isKorean = (text: string) => (text.match(/\p{Script=Hangul}/gu)?.length ?? 0) >= text.length * 0.3;

/**
 * Sentences of the retrieval passages (<data>/retrieval_qa corpora: Wikipedia prose, plainly neither
 * toxic nor an attack), used as extra negatives. Questions of those sets are never used, so the eval
 * can measure false positives on them.
 */
export function proseSentences(dataDir: string): string[] {
  return readJsonlFolder<{ text?: unknown; question?: unknown }>(path.join(dataDir, "retrieval_qa"))
    .flatMap((row) => (typeof row.text === "string" && row.question === undefined ? row.text.split(/(?<=[.!?])\s+/) : []))
    .filter((sentence) => sentence.length >= 20);
}

/** Passage titles and 2-6-word openings of prose sentences: short benign text. */
export function proseFragments(dataDir: string, sentences: string[]): string[] {
  const titles = new Set(
    readJsonlFolder<{ title?: unknown; question?: unknown }>(path.join(dataDir, "retrieval_qa")).flatMap((row) =>
      typeof row.title === "string" && row.question === undefined ? [row.title.replace(/_/g, " ")] : [],
    ),
  );
  return [
    ...titles,
    ...sentences.map((sentence, i) =>
      sentence
        .split(/\s+/)
        .slice(0, 2 + (i % 5))
        .join(" "),
    ),
  ];
}

/** A fixed pseudo-random sample of `count` items. */
export function sample<T>(items: T[], count: number, seed: number): T[] {
  return shuffled(items.length, seed)
    .slice(0, count)
    .map((i) => items[i]!);
}

/** A user message of the injection data: its family (first segment of `category`), language and label. */
export type DirectRow = { text: string; family: string; lang: string; attack: boolean };

/** The direct user messages of <data>/prompt_injection (attacks and benign ones), with their family. */
export function directInjectionRows(dataDir: string): DirectRow[] {
  return readInjectionRows(dataDir).flatMap((row) => {
    const kind = injectionRowKind(row);
    if (kind !== "attack" && kind !== "benign") return [];
    return [{ text: row.text, family: (row.category ?? "unknown").split("/")[0]!, lang: row.lang ?? "unknown", attack: kind === "attack" }];
  });
}

/** Prose sentences in both languages as the injection classifier's extra negatives, de-obfuscated like its input. */
export function injectionProseNegatives(dataDir: string): Example[] {
  const sentences = proseSentences(dataDir);
  return (["en", "ko"] as const).flatMap((lang) =>
    sample(
      sentences.filter((sentence) => isKorean(sentence) === (lang === "ko")),
      1000,
      123,
    ).map((sentence) => ({ text: foldForInjection(sentence).text, positive: false })),
  );
}
