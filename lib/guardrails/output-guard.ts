import type { UIMessageChunk } from "ai";
import { builtInDetectors, checkGroundedness } from "@/lib/guardrails/detectors";
import type { Finding } from "@/lib/guardrails/findings";
import { PII_DETECTORS, type PolicyRules } from "@/lib/guardrails/policy";
import { redact, type RedactionStyle } from "@/lib/guardrails/redact";
import { REFUSALS, type Language } from "@/lib/guardrails/refusals";
import { enforces, verdictOf, type Verdict } from "@/lib/guardrails/verdicts";

/** A guardrail's word on the answer: withheld (its text must not be shown) or flagged (shown with a warning). */
export type GuardrailNotice = { withheld: boolean; flagged: boolean; message: string };

/**
 * Filled in while the answer streams, by the guard alone; read by whoever streams the answer once it
 * has ended. `checkMs` is the time the checks took.
 */
export type OutputGuardState = { verdicts: Verdict[]; withheld: boolean; checkMs: number };

type Options = { passages: string[]; language: Language; checkGrounding: boolean };

// Text is released at sentence ends, so each sentence is checked before the reader sees any of it.
const SENTENCE_END = /(?:[.!?。？！]+["'”’)\]]*\s+|\n+)/g;

/**
 * The output guardrails, applied to the answer as it streams: each sentence is scanned for personal
 * data (redacted, masked, or the answer withheld) and abusive language before it is released; when
 * the text ends, the whole answer is checked against the passages it cites (groundedness). A withheld
 * or flagged answer gets a "guardrail" data part that tells the chat what to show instead.
 */
export function guardOutput<Metadata = unknown, Data extends { guardrail: GuardrailNotice } = { guardrail: GuardrailNotice }>(
  rules: PolicyRules,
  options: Options,
  state: OutputGuardState,
): TransformStream<UIMessageChunk<Metadata, Data>, UIMessageChunk<Metadata, Data>> {
  type C = UIMessageChunk<Metadata, Data>;
  const sensitive = PII_DETECTORS.filter((name) => rules.input.pii[name].enabled && rules.input.pii[name].action !== "allow").map(
    (name) => builtInDetectors[name]!.detector,
  );
  const toxicity = builtInDetectors.toxicity!.detector;
  const found = { pii: [] as Finding[], toxicity: [] as Finding[] };
  let buffer = "";
  let bufferId = "";
  let answer = "";
  // Findings are placed in the model's own text (before any redaction), which is what was scanned.
  let scanned = 0;
  let flagged = false;

  const notify = (controller: TransformStreamDefaultController<C>, notice: GuardrailNotice) =>
    controller.enqueue({ type: "data-guardrail", id: "guardrail", data: notice } as unknown as C);

  const withhold = (controller: TransformStreamDefaultController<C>, message: string) => {
    if (state.withheld) return;
    state.withheld = true;
    notify(controller, { withheld: true, flagged: false, message });
  };

  const release = (controller: TransformStreamDefaultController<C>, id: string, text: string) => {
    if (!text || state.withheld) return;
    const pii = sensitive.flatMap((detector) => detector.scan(text));
    const toxic = rules.output.toxicity.enabled ? toxicity.scan(text) : [];
    found.pii.push(...pii.map((f) => shift(f, scanned)));
    found.toxicity.push(...toxic.map((f) => shift(f, scanned)));
    scanned += text.length;
    const piiRule = rules.output.pii;
    const toxicRule = rules.output.toxicity;
    if (enforces(toxicRule, toxic) && toxicRule.action === "block") return withhold(controller, REFUSALS.outputWithheld[options.language]);
    if (enforces(toxicRule, toxic) && toxicRule.action === "flag") flagged = true;
    if (piiRule.enabled && enforces(piiRule, pii) && piiRule.action === "block") return withhold(controller, REFUSALS.outputWithheld[options.language]);
    const shown =
      piiRule.enabled && enforces(piiRule, pii) && (piiRule.action === "redact" || piiRule.action === "mask")
        ? redact(text, pii, piiRule.action as RedactionStyle)
        : text;
    answer += shown;
    controller.enqueue({ type: "text-delta", id, delta: shown } as unknown as C);
  };

  const finishAnswer = (controller: TransformStreamDefaultController<C>) => {
    if (rules.output.pii.enabled && found.pii.length) state.verdicts.push(verdictOf("output", "pii", rules.output.pii, found.pii));
    if (found.toxicity.length) state.verdicts.push(verdictOf("output", "toxicity", rules.output.toxicity, found.toxicity));
    const grounding = rules.output.groundedness;
    if (options.checkGrounding && grounding.enabled && !state.withheld) {
      const unsupported = checkGroundedness(answer, options.passages);
      if (unsupported.length) {
        state.verdicts.push(verdictOf("output", "groundedness", grounding, unsupported));
        if (enforces(grounding, unsupported) && grounding.action === "block") withhold(controller, REFUSALS.ungroundedWithheld[options.language]);
        if (enforces(grounding, unsupported) && grounding.action === "flag") flagged = true;
      }
    }
    if (flagged && !state.withheld) notify(controller, { withheld: false, flagged: true, message: REFUSALS.ungroundedFlag[options.language] });
  };

  const timed = (work: () => void) => {
    const started = performance.now();
    work();
    state.checkMs += performance.now() - started;
  };

  return new TransformStream<C, C>({
    transform(chunk, controller) {
      if (isTextDelta(chunk)) {
        buffer += chunk.delta;
        bufferId = chunk.id;
        let end = 0;
        for (const match of buffer.matchAll(SENTENCE_END)) end = match.index + match[0].length;
        if (end > 0) {
          timed(() => release(controller, chunk.id, buffer.slice(0, end)));
          buffer = buffer.slice(end);
        }
        return;
      }
      if (isTextEnd(chunk)) {
        timed(() => {
          release(controller, chunk.id, buffer);
          finishAnswer(controller);
        });
        buffer = "";
      }
      controller.enqueue(chunk);
    },
    // A stream that breaks off mid-sentence (a failed model) still shows what was checked so far.
    flush(controller) {
      timed(() => release(controller, bufferId, buffer));
    },
  });
}

function shift(finding: Finding, by: number): Finding {
  return { ...finding, start: finding.start + by, end: finding.end + by };
}

// The chunk union is generic in its data parts, which defeats narrowing on `type`; these narrow it.
function isTextDelta(chunk: { type: string }): chunk is { type: "text-delta"; id: string; delta: string } {
  return chunk.type === "text-delta";
}

function isTextEnd(chunk: { type: string }): chunk is { type: "text-end"; id: string } {
  return chunk.type === "text-end";
}
