import { describe, expect, it } from "vitest";
import { toxicityDetector } from "@/lib/guardrails/detectors/toxicity";

const toxic = (text: string) => toxicityDetector.scan(text).length > 0;

describe("toxicity", () => {
  it.each(["You are a worthless idiot and everyone hates you.", "shut up you stupid bitch", "이 멍청한 새끼야 꺼져", "저런 병신 같은 놈들은 다 없어져야 해"])(
    "flags %j",
    (text) => {
      expect(toxic(text)).toBe(true);
    },
  );

  it.each([
    "Could you share the quarterly sales report with the finance team?",
    "The server restarted after the kernel update; please check the logs.",
    "다음 주 월요일 회의 자료를 공유해 주세요.",
    "연차 휴가는 입사 1년 후부터 15일이 부여됩니다.",
    // ordinary document text that earlier models flagged: headings and plain policy sentences
    "## Working hours",
    "Outside core hours you may arrange your day freely, as long as your team knows when you are reachable.",
    "## 건강검진",
    "## 교육 지원",
    "# 연구소 보안 수칙",
  ])("lets %j through", (text) => {
    expect(toxic(text)).toBe(false);
  });

  it("reports the toxic sentence of a long, otherwise polite message", () => {
    const polite = "Thanks for the update on the migration plan. The timeline looks reasonable to me. ";
    const text = `${polite.repeat(6)}You are a worthless idiot. ${polite.repeat(4)}`;
    const findings = toxicityDetector.scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.text).toContain("worthless idiot");
    expect(text.slice(findings[0]!.start, findings[0]!.end)).toBe(findings[0]!.text);
  });
});
