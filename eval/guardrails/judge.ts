import path from "node:path";
import { injectionRowKind, readInjectionRows } from "@/eval/guardrails/injection-rows";
import { ratio } from "@/eval/guardrails/rates";
import { readJsonlFolder } from "@/eval/jsonl";
import { percentiles } from "@/bench/machine";
import { config } from "@/lib/config";
import { promptInjectionDetector } from "@/lib/guardrails/detectors/injection";
import { createJudge, type JudgeResult } from "@/lib/guardrails/judge/judge";

/** Texts judged at once: a real endpoint is shared, and the eval must not flood it. */
const CONCURRENCY = 4;

/**
 * The model-backed second layer on the same rows as the local detectors, when a judge is configured
 * (GUARDRAIL_JUDGE_* as for the server; otherwise the figures are null and say why). Reports the
 * judge alone, and the judge behind the local layer ("either flags"), with its latency and tokens.
 */
export async function evaluateJudge(dataDir: string) {
  const settings = config().judge;
  if (!settings) return { configured: false, note: "set GUARDRAIL_JUDGE_KIND (and its endpoint) to measure the judge" };
  const judge = createJudge(settings);
  const rows = readInjectionRows(dataDir);
  const authored = readJsonlFolder<{ text: string; lang: string; is_attack: boolean }>(path.join(import.meta.dirname, "authored", "held-out"));
  const groups: Record<string, { text: string; unsafe: boolean }[]> = {};
  const add = (name: string, text: string, unsafe: boolean) => {
    groups[name] ??= [];
    groups[name].push({ text, unsafe });
  };
  for (const row of rows) {
    const kind = injectionRowKind(row);
    if (kind === "attack") add(`attacks.${row.lang}`, row.text, true);
    else if (kind === "benign") add(`benign.${row.lang}`, row.text, false);
    else if (kind === "harmful") add(`harmful_request.${row.lang}`, row.text, true);
  }
  for (const row of authored) add(`held_out_${row.is_attack ? "attacks" : "hard_negatives"}.${row.lang}`, row.text, row.is_attack);

  const results: JudgeResult[] = [];
  const figures: Record<string, unknown> = {};
  for (const [name, items] of Object.entries(groups).sort()) {
    const judged = await mapLimited(items, (item) => judge.judge("question", item.text));
    results.push(...judged);
    const flagged = judged.map((result) => result.outcome === "verdict" && result.unsafe);
    const local = items.map((item) => promptInjectionDetector.scan(item.text).length > 0);
    const rate = (hits: boolean[]) => ratio(hits.filter(Boolean).length, hits.length);
    figures[name] = {
      [items[0]!.unsafe ? "tpr" : "fpr"]: rate(flagged),
      local_or_judge: rate(flagged.map((f, i) => f || local[i]!)),
      failures: judged.filter((result) => result.outcome !== "verdict").length,
      n: items.length,
    };
  }
  return {
    configured: true,
    kind: settings.kind,
    model: settings.model,
    figures,
    latency_ms: percentiles(results.map((result) => result.latencyMs)),
    tokens: { in: results.reduce((sum, r) => sum + r.tokensIn, 0), out: results.reduce((sum, r) => sum + r.tokensOut, 0) },
  };
}

async function mapLimited<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
