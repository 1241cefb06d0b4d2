import { describe, expect, it } from "vitest";
import { keywordDetector } from "@/lib/guardrails/detectors/keywords";

describe("keywordDetector", () => {
  const detector = keywordDetector({
    name: "project_titan",
    deny: ["Project Titan", "merger", "인수합병", "기밀"],
    allow: ["merger of equals theory", "기밀유지서약서 양식"],
  });
  const found = (text: string) => detector.scan(text).map((finding) => finding.text);

  it("matches English words case-insensitively and whole-word, with plurals", () => {
    expect(found("Any news on PROJECT   TITAN or the mergers?")).toEqual(["PROJECT   TITAN", "mergers"]);
    expect(found("emergency submerged")).toEqual([]);
  });

  it("matches Korean terms inside words, because particles attach", () => {
    expect(found("인수합병을 언제 발표하나요? 기밀문서는 어디 있죠?")).toEqual(["인수합병", "기밀"]);
  });

  it("sees through full-width and look-alike letters and zero-width characters", () => {
    expect(found("ｍｅｒｇｅｒ and mеrger and mer\u200Bger")).toEqual(["ｍｅｒｇｅｒ", "mеrger", "mer\u200Bger"]);
  });

  it("lets allow-listed phrases suppress the deny hits they overlap", () => {
    expect(found("Explain the merger of equals theory.")).toEqual([]);
    expect(found("기밀유지서약서 양식을 찾고 있어요")).toEqual([]);
    expect(found("기밀유지서약서 양식과 기밀 자료")).toEqual(["기밀"]);
  });

  it("reports its own name and a BLOCKED_TOPIC type, and nothing for an empty deny list", () => {
    expect(detector.scan("merger")[0]).toMatchObject({ detector: "project_titan", type: "BLOCKED_TOPIC" });
    expect(keywordDetector({ name: "empty", deny: [] }).scan("anything")).toEqual([]);
  });
});
