import type { UIMessageChunk } from "ai";
import { checkPassages } from "@/lib/guardrails/check-passages";
import { checkQuestion } from "@/lib/guardrails/check-question";
import type { Finding } from "@/lib/guardrails/findings";
import { guardOutput, type GuardrailNotice, type OutputGuardState } from "@/lib/guardrails/output-guard";
import type { PolicyRules } from "@/lib/guardrails/policy";
import { resolveOverlaps } from "@/lib/guardrails/redact";
import { languageOf, type Language } from "@/lib/guardrails/refusals";
import type { Verdict } from "@/lib/guardrails/verdicts";

/** What the pasted text stands for: a person's question, a retrieved passage, or a model's answer. */
export const SANDBOX_KINDS = ["question", "document", "answer"] as const;
export type SandboxKind = (typeof SANDBOX_KINDS)[number];

export type SandboxInput = {
  kind: SandboxKind;
  text: string;
  /** For an answer: the passages it should be grounded in. Without them groundedness is not checked. */
  sources?: string[];
};

export type HighlightSpan = { start: number; end: number; type: string; check: string };

export type SandboxFinding = { type: string; start: number; end: number; confidence: number; text: string };

/** One check that found something: the verdict the decision record would keep, plus the matched text. */
export type SandboxCheck = Omit<Verdict, "findings" | "chunkId"> & { findings: SandboxFinding[] };

/** What the policy did to the text as a whole (shadow-mode rules never change it). */
export type SandboxOutcome =
  | { effect: "unchanged" }
  | { effect: "changed" }
  | { effect: "refused"; check: string; message: string }
  | { effect: "withheld"; message: string }
  | { effect: "flagged"; message: string };

export type SandboxResult = {
  kind: SandboxKind;
  language: Language;
  checks: SandboxCheck[];
  highlights: {
    /** Values and phrases found (an e-mail address, an injected instruction), non-overlapping, in text order. */
    marks: HighlightSpan[];
    /** Whole sentences an answer check judged (unsupported statements); marks may lie inside them. */
    sentences: HighlightSpan[];
  };
  outcome: SandboxOutcome;
  /** The text as it would go on after the policy: redacted or masked, or what the reader is told instead. */
  result: string;
};

type Chunk = UIMessageChunk<unknown, { guardrail: GuardrailNotice }>;

const WITHHELD_PASSAGE = "This passage would be kept out of answers, citations and prompts.";

/**
 * Runs a policy draft over a pasted text exactly as a chat turn would, so an administrator can try
 * rules before saving them. It calls the turn's own guardrail functions (checkQuestion, checkPassages,
 * guardOutput) rather than copies of their logic, so what it shows cannot drift from what chat does.
 * Nothing is stored: the sandbox writes no decision record and counts against no limit.
 */
export async function runSandbox(rules: PolicyRules, input: SandboxInput): Promise<SandboxResult> {
  const language = languageOf(input.text);
  const { verdicts, outcome, result } = await scanners[input.kind](rules, input, language);
  const checks = verdicts.map(({ findings, chunkId: _, ...verdict }) => ({
    ...verdict,
    findings: findings.map((f) => ({ ...f, text: input.text.slice(f.start, f.end) })),
  }));
  return { kind: input.kind, language, checks, highlights: highlightsOf(checks), outcome, result };
}

type Scan = { verdicts: Verdict[]; outcome: SandboxOutcome; result: string };

const scanners: Record<SandboxKind, (rules: PolicyRules, input: SandboxInput, language: Language) => Promise<Scan> | Scan> = {
  question(rules, { text }, language) {
    const checked = checkQuestion(rules, text, language);
    if (checked.refusal) return { verdicts: checked.verdicts, outcome: { effect: "refused", ...checked.refusal }, result: checked.refusal.message };
    return { verdicts: checked.verdicts, outcome: { effect: checked.text === text ? "unchanged" : "changed" }, result: checked.text };
  },

  document(rules, { text }) {
    const { usable, verdicts } = checkPassages(rules, [{ chunkId: "sandbox", content: text }]);
    if (usable.length === 0) return { verdicts, outcome: { effect: "withheld", message: WITHHELD_PASSAGE }, result: WITHHELD_PASSAGE };
    return { verdicts, outcome: { effect: "unchanged" }, result: text };
  },

  async answer(rules, { text, sources = [] }, language) {
    const state: OutputGuardState = { verdicts: [], withheld: false, checkMs: 0 };
    const guard = guardOutput(rules, { passages: sources, language, checkGrounding: sources.length > 0 }, state);
    // A trailing line break makes the guard release the whole answer as one piece (it releases at sentence
    // ends), so its findings' offsets are offsets into the pasted text; the break is taken off again below.
    const { shown, notice } = await streamThrough(`${text}\n`, guard);
    const result = shown.slice(0, -1);
    if (notice?.withheld) return { verdicts: state.verdicts, outcome: { effect: "withheld", message: notice.message }, result: notice.message };
    if (notice?.flagged) return { verdicts: state.verdicts, outcome: { effect: "flagged", message: notice.message }, result };
    return { verdicts: state.verdicts, outcome: { effect: result === text ? "unchanged" : "changed" }, result };
  },
};

/** Sends one text through the output guard as a model's stream would arrive, and collects what comes out. */
async function streamThrough(text: string, guard: TransformStream<Chunk, Chunk>): Promise<{ shown: string; notice: GuardrailNotice | null }> {
  const id = "sandbox";
  const source = new ReadableStream<Chunk>({
    start(controller) {
      controller.enqueue({ type: "text-start", id });
      controller.enqueue({ type: "text-delta", id, delta: text });
      controller.enqueue({ type: "text-end", id });
      controller.close();
    },
  });
  const reader = source.pipeThrough(guard).getReader();
  let shown = "";
  let notice: GuardrailNotice | null = null;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (next.value.type === "text-delta") shown += next.value.delta;
    if (next.value.type === "data-guardrail") notice = next.value.data;
  }
  return { shown, notice };
}

/**
 * Where overlapping findings meet, the longest span wins (as in redaction), so each place gets one
 * mark. Groundedness judges whole sentences; they are a layer of their own, or one would swallow the
 * e-mail address inside it.
 */
function highlightsOf(checks: SandboxCheck[]): SandboxResult["highlights"] {
  const spans = (sentences: boolean) =>
    resolveOverlaps(
      checks.filter((c) => (c.check === "groundedness") === sentences).flatMap((c) => c.findings.map((f): Finding => ({ ...f, detector: c.check }))),
    ).map(({ start, end, type, detector }) => ({ start, end, type, check: detector }));
  return { marks: spans(false), sentences: spans(true) };
}
