import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordFeedback } from "@/lib/audit/feedback";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { DEFAULT_POLICY, PII_DETECTORS, type PiiDetectorName, type PolicyRules } from "@/lib/guardrails/policy";
import { savePolicyVersion } from "@/lib/guardrails/policy-store";
import { logger } from "@/lib/log";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";

/**
 * Issue 9 point 1: whatever a policy does with personal data in a question (let it through, redact,
 * mask, refuse, or any of those on trial), the raw value is never written down: not in the stored
 * messages or the conversation's title, not in the decision record, not in a feedback comment, not
 * in a log line. Each detector is walked with an English and a Korean question; the model echoes the
 * value back, so the stored answer is walked too.
 */
const SAMPLES: Record<PiiDetectorName, { value: string; question: string }[]> = {
  email: [
    { value: "jane.doe@example.com", question: "My address is jane.doe@example.com. How many vacation days do I get?" },
    { value: "minsu.kim@example.co.kr", question: "제 이메일은 minsu.kim@example.co.kr 입니다. 연차 휴가는 며칠인가요?" },
  ],
  phone: [
    { value: "+44 20 7946 0958", question: "Call me on +44 20 7946 0958 about my vacation days." },
    { value: "010-1234-5678", question: "제 연락처는 010-1234-5678 입니다. 연차 휴가는 며칠인가요?" },
  ],
  credit_card: [
    { value: "4111 1111 1111 1111", question: "Can I expense travel on card 4111 1111 1111 1111?" },
    { value: "5500 0000 0000 0004", question: "법인카드 5500 0000 0000 0004 로 경비를 처리해도 되나요?" },
  ],
  iban: [
    { value: "DE89 3704 0044 0532 0130 00", question: "Pay my expenses to DE89 3704 0044 0532 0130 00 please." },
    { value: "GB29 NWBK 6016 1331 9268 19", question: "경비는 GB29 NWBK 6016 1331 9268 19 계좌로 받을 수 있나요?" },
  ],
  kr_registration_number: [
    { value: "900101-1234568", question: "My RRN is 900101-1234568, how many vacation days do I get?" },
    { value: "850505-2345672", question: "주민등록번호 850505-2345672 로 휴가를 신청할 수 있나요?" },
  ],
  kr_business_number: [
    { value: "220-81-62517", question: "Our supplier 220-81-62517 sent an invoice; how do I submit expense claims?" },
    { value: "123-45-67890", question: "사업자등록번호 123-45-67890 거래처 경비는 어떻게 청구하나요?" },
  ],
  passport: [
    { value: "X1234567", question: "My passport number X1234567 expires soon, can I take vacation days?" },
    { value: "M12345678", question: "여권번호 M12345678 로 출장 경비를 청구할 수 있나요?" },
  ],
  us_ssn: [
    { value: "536-22-1234", question: "My SSN is 536-22-1234, how many vacation days do I get?" },
    { value: "536-22-9876", question: "미국 SSN 536-22-9876 이 있는데 연차 휴가는 며칠인가요?" },
  ],
  ip_address: [
    { value: "203.0.113.42", question: "My laptop at 203.0.113.42 cannot reach the expense system." },
    { value: "198.51.100.7", question: "198.51.100.7 에서 경비 시스템에 접속이 안 됩니다." },
  ],
  secrets: [
    { value: "AKIAQ3EGUXZ7PLMN4R2T", question: "Is AKIAQ3EGUXZ7PLMN4R2T the right key for the expense system?" },
    { value: "Hunter2xyz!", question: "password=Hunter2xyz! 로 로그인이 안 되는데 경비는 어떻게 청구하나요?" },
  ],
  person_name: [
    { value: "Jane Roe", question: "My name is Jane Roe, how many vacation days do I get?" },
    { value: "김민수", question: "김민수 과장님의 연차 휴가는 며칠인가요?" },
  ],
};

/** The policy actions, and each of them on trial: what the reader sees differs, what is stored must not. */
const ACTIONS = [
  { name: "allow", action: "allow", shadow: false },
  { name: "redact", action: "redact", shadow: false },
  { name: "mask", action: "mask", shadow: false },
  { name: "refuse", action: "block", shadow: false },
  { name: "trial redact", action: "redact", shadow: true },
  { name: "trial mask", action: "mask", shadow: true },
  { name: "trial refuse", action: "block", shadow: true },
] as const;

let db: Database;
let llm: ChatServer;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;
const logLines: string[] = [];

beforeAll(async () => {
  llm = await startChatServer();
  process.env.LLM_BASE_URL = llm.baseURL;
  process.env.LLM_MODEL = "test-model";
  // Everything the server would log, at every level, is captured from the logger's own output stream.
  process.env.LOG_LEVEL = "trace";
  const stream = (logger() as unknown as Record<symbol, { write(line: string): boolean }>)[pino.symbols.streamSym]!;
  vi.spyOn(stream, "write").mockImplementation((line: string) => {
    logLines.push(line);
    return true;
  });
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await db.close();
  await llm.close();
});

async function usePolicy(action: string, shadow: boolean) {
  const rules: PolicyRules = structuredClone(DEFAULT_POLICY);
  for (const name of PII_DETECTORS) rules.input.pii[name] = { enabled: true, action: action as PolicyRules["input"]["pii"]["email"]["action"], shadow };
  rules.output.pii = { enabled: true, action: action as PolicyRules["output"]["pii"]["action"], shadow };
  rules.limits = { userRequestsPerMinute: null, tenantRequestsPerMinute: null, userTokensPerDay: null, tenantTokensPerDay: null };
  await savePolicyVersion(acme.users.admin!, rules, `personal data: ${action}${shadow ? " on trial" : ""}`);
}

/** Every place a turn and its feedback write to, as text. */
async function storedText(conversationId: string, decisionId: string | undefined) {
  return withTenant(acme.tenant.id, async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { id: conversationId }, include: { messages: true } });
    const record = decisionId ? await tx.decisionRecord.findUnique({ where: { id: decisionId }, include: { feedback: true } }) : null;
    return {
      title: conversation?.title ?? "",
      messages: JSON.stringify(conversation?.messages.map((m) => m.parts) ?? []),
      record: JSON.stringify(record ?? {}),
    };
  });
}

describe("no raw personal data is stored, whatever the policy does with it", () => {
  it.each(ACTIONS)("$name: messages, title, record, feedback comment and log lines", async ({ action, shadow }) => {
    await usePolicy(action, shadow);
    const user = acme.users.engineer!;
    llm.behaviour = "answer";
    for (const detector of PII_DETECTORS) {
      for (const { value, question } of SAMPLES[detector]) {
        // The model quotes the question back. Some detectors need the words around a value (a bare
        // "123-45-67890" is no business number without its label), so echoes keep the question whole.
        llm.reply = `You asked: ${question} Every employee gets 25 vacation days [1].`;
        const { conversationId, record } = await ask(user, question);
        expect(record, `${detector}: a record is written`).not.toBeNull();
        const found = (record!.verdicts as { stage: string; check: string }[]).some((v) => v.stage === "input" && v.check === detector);
        expect(found, `${detector} finds ${value} in "${question}"`).toBe(true);
        await recordFeedback(user, { decisionId: record!.id, rating: "down", comment: `That is wrong. I asked: ${question}` });
        const stored = await storedText(conversationId, record!.id);
        for (const [place, text] of Object.entries(stored)) expect(text, `${detector} (${value}) in ${place}`).not.toContain(value);
        expect(stored.record, `${detector}: the record keeps the question with a placeholder or mask`).toMatch(/\[[A-Z_]+\]|\*\*/);
      }
    }
    // A model that fails logs its error; the error carries the whole prompt, which may hold the values.
    llm.behaviour = "http-500";
    const everything = PII_DETECTORS.flatMap((d) => SAMPLES[d].map((s) => s.question)).join(" ");
    const failed = await ask(user, everything);
    expect(failed.record?.outcome).toMatch(/error|blocked/);
    const logs = logLines.join("");
    for (const detector of PII_DETECTORS) for (const { value } of SAMPLES[detector]) expect(logs, `${detector} (${value}) in the log`).not.toContain(value);
  });

  it("logs a failing model's error, without the prompt", async () => {
    await usePolicy("allow", false);
    llm.behaviour = "http-500";
    const before = logLines.length;
    await ask(acme.users.engineer!, "My address is jane.doe@example.com. How many vacation days do I get?");
    const failure = logLines.slice(before).find((line) => line.includes("chat turn failed"));
    expect(failure).toBeDefined();
    expect(failure).toMatch(/"status":500/);
    expect(failure).not.toContain("jane.doe@example.com");
    // The model received the address (the policy allows it): only the log line is kept from it.
    expect(JSON.stringify(llm.requests.at(-1)?.messages)).toContain("jane.doe@example.com");
  });
});
