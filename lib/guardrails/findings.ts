/**
 * What every guardrail detector returns. Offsets are UTF-16 indices into the text that was passed to
 * `scan`, even when the detector matched on a normalised copy, so a policy can redact or highlight
 * the original text without knowing how the detector looked at it.
 */
export type Finding = {
  /** Name of the detector that produced the finding (for the audit record and the admin UI). */
  detector: string;
  /** What was found: a PII entity type such as `EMAIL` or `KR_RRN`, or `PROMPT_INJECTION`, `TOXICITY`… */
  type: string;
  start: number;
  end: number;
  /** 0..1; detectors only report what they would stand by, so anything returned is at least 0.5. */
  confidence: number;
  /** `text.slice(start, end)` of the scanned text. */
  text: string;
  /** The detector's rule that fired, where a detector has several (the injection rules). */
  rule?: string;
};

/** A pure, side-effect-free scanner: the same text always gives the same findings. */
export type Detector = {
  name: string;
  scan(text: string): Finding[];
};

/** The finding for `text.slice(start, end)`, with the confidence clamped to 0..1 and rounded for stable output. */
export function finding(detector: string, type: string, text: string, start: number, end: number, confidence: number, rule?: string): Finding {
  return {
    detector,
    type,
    start,
    end,
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
    text: text.slice(start, end),
    ...(rule ? { rule } : {}),
  };
}
