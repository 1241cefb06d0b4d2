import { beforeAll, describe, expect, it } from "vitest";
import { chatBody, signInOverHttp, url } from "@/tests/e2e/support/http";
import { watchHealth } from "@/tests/support/health-watch";
import { readUiStream, streamedText } from "@/tests/support/ui-stream";
import { sharedAppURL } from "@/tests/e2e/support/app-server";

// Issue 13 point 1: one question as long as the chat accepts (8,000 characters), Korean or English,
// with or without spaces, costs about what a normal question costs: retrieval searches a capped
// number of its terms. Each is answered (the turn ends and its record is written) while /api/health
// keeps answering for everyone else.

const MAX_QUESTION_CHARS = 8_000;
const fill = (text: string) => text.repeat(Math.ceil(MAX_QUESTION_CHARS / text.length)).slice(0, MAX_QUESTION_CHARS);

const QUESTIONS = {
  "English with spaces": fill("How many vacation days do employees get and when do unused days carry over to the next year? "),
  "English without spaces": fill("Howmanyvacationdaysdoemployeesgetandwhendounuseddayscarryover"),
  "Korean with spaces": fill("연차 휴가는 며칠이고 휴가 신청은 어디에 하나요? 온콜 당번은 어떻게 정하나요? "),
  "Korean without spaces": fill("연차휴가는며칠이고휴가신청은어디에하나요온콜당번은어떻게정하나요"),
};

let employee: string;

beforeAll(async () => {
  employee = await signInOverHttp("acme", "alice@acme.test");
});

describe("a maximal question", () => {
  it.each(Object.entries(QUESTIONS))("in %s is answered while the server stays healthy", async (_, question) => {
    expect(question).toHaveLength(MAX_QUESTION_CHARS);
    const health = watchHealth(sharedAppURL());
    const response = await fetch(url("/api/chat"), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: employee },
      body: chatBody(question),
    });
    expect(response.status).toBe(200);
    const chunks = await readUiStream(response);
    expect(chunks.at(-1)?.type).toBe("finish");
    expect(streamedText(chunks).length).toBeGreaterThan(0);
    const report = await health.stop();
    expect(report.failures, JSON.stringify(report)).toBe(0);
  });

  it("one character longer is refused with a clear message", async () => {
    const response = await fetch(url("/api/chat"), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: employee },
      body: chatBody(`${QUESTIONS["Korean without spaces"]}가`),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/at most 8000 characters/);
  });
});
