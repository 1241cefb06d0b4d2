import { describe, expect, it } from "vitest";
import { chunkBlocks } from "@/lib/ingest/chunk";
import { makeDocx, makePptx, makeXlsx } from "@/tests/support/make-documents";
import { parseUpload } from "./parse-upload";

describe("Word (.docx)", () => {
  it("keeps headings, paragraphs, list items and table rows, in Korean and English", async () => {
    const bytes = await makeDocx([
      { heading: "직원 핸드북 Employee Handbook", level: 1 },
      { heading: "휴가 Leave", level: 2 },
      { paragraph: "연차는 15일입니다. Annual leave is 15 days." },
      { bullets: ["신청은 2주 전에 Apply two weeks ahead", "팀장 승인 Manager approval"] },
      {
        table: [
          ["구분 Type", "일수 Days"],
          ["연차 Annual", "15"],
          ["병가 Sick", "10"],
        ],
      },
    ]);
    const parsed = await parseUpload("핸드북.docx", bytes);
    expect(parsed.title).toBe("직원 핸드북 Employee Handbook");
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "직원 핸드북 Employee Handbook" },
      { kind: "heading", level: 2, text: "휴가 Leave" },
      { kind: "paragraph", text: "연차는 15일입니다. Annual leave is 15 days." },
      { kind: "list-item", text: "신청은 2주 전에 Apply two weeks ahead" },
      { kind: "list-item", text: "팀장 승인 Manager approval" },
      { kind: "table-row", text: "구분 Type: 연차 Annual | 일수 Days: 15" },
      { kind: "table-row", text: "구분 Type: 병가 Sick | 일수 Days: 10" },
    ]);
    const [chunk] = chunkBlocks(parsed.blocks);
    expect(chunk?.headingPath).toBe("직원 핸드북 Employee Handbook › 휴가 Leave");
  });
});

describe("Excel (.xlsx)", () => {
  it("reads each sheet as a heading and each row under its header, dates and formulas as Excel shows them", async () => {
    const bytes = await makeXlsx([
      {
        name: "연차 Leave",
        rows: [
          ["2024 연차 현황"],
          ["이름 Name", "일수 Days", "시작 Start", "두 배 Double"],
          ["김철수", 15, new Date(Date.UTC(2024, 0, 2)), { formula: "B3*2", result: 30 }],
          ["Jane Doe", 12, new Date(Date.UTC(2024, 4, 31, 9, 30))],
        ],
      },
      { name: "Empty", rows: [] },
      { name: "Notes", rows: [["Policy owner", "HR"]] },
    ]);
    const parsed = await parseUpload("leave.xlsx", bytes);
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "연차 Leave" },
      { kind: "paragraph", text: "2024 연차 현황" },
      { kind: "table-row", text: "이름 Name: 김철수 | 일수 Days: 15 | 시작 Start: 2024-01-02 | 두 배 Double: 30" },
      { kind: "table-row", text: "이름 Name: Jane Doe | 일수 Days: 12 | 시작 Start: 2024-05-31 09:30" },
      { kind: "heading", level: 1, text: "Notes" },
      { kind: "table-row", text: "Policy owner | HR" },
    ]);
  });
});

describe("PowerPoint (.pptx)", () => {
  it("reads slides in presentation order, each a heading with its text and tables, the slide number as page", async () => {
    const bytes = await makePptx([
      { title: "2024 전략 Strategy", body: ["성장 Growth & focus"] },
      {
        title: "예산 Budget",
        body: ["단위: 억 원"],
        table: [
          ["부서 Team", "예산 Budget"],
          ["영업 Sales", "12"],
        ],
      },
    ]);
    const parsed = await parseUpload("deck.pptx", bytes);
    expect(parsed.title).toBe("2024 전략 Strategy");
    expect(parsed.pageCount).toBe(2);
    expect(parsed.blocks).toEqual([
      { kind: "heading", level: 1, text: "Slide 1: 2024 전략 Strategy", page: 1 },
      { kind: "paragraph", text: "성장 Growth & focus", page: 1 },
      { kind: "heading", level: 1, text: "Slide 2: 예산 Budget", page: 2 },
      { kind: "paragraph", text: "단위: 억 원", page: 2 },
      { kind: "table-row", text: "부서 Team: 영업 Sales | 예산 Budget: 12", page: 2 },
    ]);
  });
});
