import { finding, type Detector, type Finding } from "@/lib/guardrails/findings";

// Local part and domain labels have RFC length caps, so a failed attempt never scans far; the
// lookbehind stops the scan from restarting inside a long run of address characters.
const EMAIL =
  /(?<![\w.%+'-])[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})(?![\w-]|\.[A-Za-z0-9])/g;

export const emailDetector: Detector = {
  name: "email",
  scan(text: string): Finding[] {
    const findings: Finding[] = [];
    for (const match of text.matchAll(EMAIL)) {
      const local = match[0].slice(0, match[0].indexOf("@"));
      if (local.includes("..") || local.endsWith(".")) continue;
      findings.push(finding("email", "EMAIL", text, match.index, match.index + match[0].length, 0.95));
    }
    return findings;
  },
};
