import { describe, expect, it } from "vitest";
import { adversarialInputs } from "@/eval/guardrails/adversarial";
import { builtInDetectors, checkGroundedness, keywordDetector } from "@/lib/guardrails/detectors";
import { redact } from "@/lib/guardrails/redact";

// Inputs built to make regular expressions backtrack must not hang any detector. Durations are not
// asserted (machines differ; the benchmark measures them); the generous timeout catches a quadratic
// or exponential pattern, which would take minutes on a megabyte.
describe("a megabyte of adversarial input", () => {
  const detectors = [
    ...Object.values(builtInDetectors).map((entry) => entry.detector),
    keywordDetector({ name: "topics", deny: ["secret project", "기밀", "aaa"] }),
  ];

  it.each(Object.entries(adversarialInputs()))(
    "%s: every detector finishes with findings that point into the input",
    (_name, input) => {
      for (const detector of detectors) {
        const findings = detector.scan(input);
        expect(Array.isArray(findings)).toBe(true);
        for (const item of findings.slice(0, 50)) {
          expect(item.start).toBeGreaterThanOrEqual(0);
          expect(item.end).toBeLessThanOrEqual(input.length);
          expect(item.start).toBeLessThan(item.end);
          expect(input.slice(item.start, item.end)).toBe(item.text);
          expect(item.confidence).toBeGreaterThanOrEqual(0.5);
          expect(item.confidence).toBeLessThanOrEqual(1);
        }
      }
      expect(Array.isArray(checkGroundedness(input, [input.slice(0, 4096)]))).toBe(true);
    },
    60_000,
  );

  it("redacts many findings in a large text", () => {
    const input = adversarialInputs(1 << 18).mixed!;
    const findings = Object.values(builtInDetectors).flatMap((entry) => (entry.category === "pii" ? entry.detector.scan(input) : []));
    expect(findings.length).toBeGreaterThan(1000);
    expect(redact(input, findings, "redact")).toContain("[PHONE]");
  }, 60_000);
});
