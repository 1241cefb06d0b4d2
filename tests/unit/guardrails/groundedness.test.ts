import { describe, expect, it } from "vitest";
import { checkGroundedness } from "@/lib/guardrails/detectors/groundedness";

const passages = [
  "Annual leave: employees receive 15 days of paid annual leave per year. Unused days can be carried over for one year.",
  "연차휴가는 입사 1년 후 15일이 부여되며, 사용하지 않은 휴가는 다음 해로 이월할 수 있습니다.",
  "Parental leave is 90 days for employees with less than one year of service.",
];
const flagged = (answer: string) => checkGroundedness(answer, passages).map((finding) => [finding.type, finding.text]);

describe("checkGroundedness", () => {
  it("accepts sentences supported by the passages they cite, in English and Korean", () => {
    expect(flagged("Employees receive 15 days of paid annual leave per year [1]. 연차휴가는 입사 1년 후 15일이 부여됩니다 [2].")).toEqual([]);
    expect(flagged("Unused leave days can be carried over for one year. [1]")).toEqual([]);
  });

  it("flags sentences whose content is not in the cited passages", () => {
    expect(flagged("The company reimburses gym memberships and language courses for every employee [1].")).toEqual([
      ["UNSUPPORTED_CLAIM", "The company reimburses gym memberships and language courses for every employee [1]."],
    ]);
    expect(flagged("회사는 모든 직원에게 해외 연수 비용과 자녀 학자금을 전액 지원합니다 [2].")).toEqual([
      ["UNSUPPORTED_CLAIM", "회사는 모든 직원에게 해외 연수 비용과 자녀 학자금을 전액 지원합니다 [2]."],
    ]);
  });

  it("flags a claim supported only by a passage it does not cite", () => {
    expect(flagged("Parental leave is 90 days for employees with less than one year of service [1].")).toHaveLength(1);
    expect(flagged("Parental leave is 90 days for employees with less than one year of service [3].")).toEqual([]);
  });

  it("flags numbers that appear in no passage", () => {
    expect(flagged("Employees receive 25 days of paid annual leave per year [1].")).toHaveLength(1);
  });

  it("reports citations of passages that do not exist", () => {
    expect(flagged("Employees receive 15 days of paid annual leave per year [7].")).toContainEqual([
      "INVALID_CITATION",
      "Employees receive 15 days of paid annual leave per year [7].",
    ]);
  });

  it("does not judge short sentences or statements that the sources have no answer", () => {
    expect(flagged("Sure! I could not find information about bonuses in the documents. 문서에서 해당 정보를 찾을 수 없습니다.")).toEqual([]);
  });

  it("reports offsets into the answer", () => {
    const answer = "Leave is 15 days [1]. Free lunches are served daily to every employee in all offices [1].";
    const [finding] = checkGroundedness(answer, passages);
    expect(answer.slice(finding!.start, finding!.end)).toBe(finding!.text);
    expect(finding!.text.startsWith("Free lunches")).toBe(true);
  });
});
