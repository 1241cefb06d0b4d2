// The chat turn's own speed, in process on the embedded database: the demo workspaces plus 100k more
// passages (sentences of the development sets, written straight into the search tables: see
// bench/support/corpus.ts), and a local OpenAI-compatible model server that answers at once.
//   server_overhead_before_first_token: a turn's time from the request to its first streamed token,
//     less the model's own time to its first token (measured directly against the same server), so
//     it is what the turn spends on policy, limits, storing the question, guardrails, retrieval and
//     the prompt. Turns run one at a time, by different people (per-person limits stay untouched),
//     after a few warm-up turns.
//   concurrent_50: fifty people ask at the same moment; errors, answers whose decision record is
//     missing afterwards, and the 95th percentile of their times to first token.
// Run it alone: `npm run bench -- chat` (it needs its own in-memory database).
process.env.PGLITE_DIR = "memory://";
process.env.LOG_LEVEL ??= "silent";
process.env.LORE_DEMO_SEED = "false";
delete process.env.DATABASE_URL;

import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { loadUser, type AuthenticatedUser } from "@/lib/auth/user";
import { chatTurn } from "@/lib/chat/turn";
import { config } from "@/lib/config";
import { database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { drainIngestQueue } from "@/lib/ingest/jobs/worker";
import { withTenant } from "@/lib/db/tenant";
import { percentiles } from "@/bench/machine";
import { loadChunks, sentenceSource } from "@/bench/support/corpus";
import { seedDemoTenants } from "@/prisma/seed";
import { startChatServer } from "@/tests/support/openai-chat-server";

export const name = "chat";

// BENCH_CHAT_PASSAGES: fewer, for a quick trial run of the bench itself.
const PASSAGES = Number(process.env.BENCH_CHAT_PASSAGES ?? 100_000);
const PEOPLE = 50;
// Enough for a 95th percentile that is not just the second slowest turn.
const SEQUENTIAL_TURNS = 100;
// A process's first turns load the guardrail models and warm the database's caches: not the steady
// state measured (the first turn took about 110 ms where the others took 20-40).
const WARM_UP_TURNS = 5;
const QUESTIONS = [
  "How many vacation days do I get per year?",
  "When must expense claims be submitted?",
  "연차 휴가는 며칠 부여되나요?",
  "What should I do before every shift with the pressure valve?",
  "출장 경비는 언제까지 청구해야 하나요?",
];

export async function run(): Promise<Record<string, unknown>> {
  const llm = await startChatServer();
  llm.reply = "Every employee gets 25 vacation days [1].";
  // A model that answers at once: the whole reply as soon as it is asked, so that the time to the first
  // token the reader sees is the turn's own (the output guardrails release text a sentence at a time).
  llm.wordDelayMs = 0;
  // Read once by the configuration, on first use: set before anything touches it.
  process.env.LLM_BASE_URL = llm.baseURL;
  process.env.LLM_MODEL = "bench-model";
  process.env.LLM_API_KEY = "sk-bench";
  const target = config().database;
  if (target.kind !== "pglite" || !target.dataDir.startsWith("memory://")) {
    throw new Error("The chat benchmark needs its own in-memory database: run it alone (npm run bench -- chat).");
  }
  const db = database();
  await applyMigrations(db);
  await seedDemoTenants();
  await drainIngestQueue();
  const loading = performance.now();
  const people = await benchPeople();
  const chunkRows = await loadPassages(people.admin);
  const loadS = (performance.now() - loading) / 1000;

  const modelFirstTokenMs = await modelTimeToFirstToken(llm.baseURL);
  for (let i = 0; i < WARM_UP_TURNS; i++) await timedTurn(people.employees[PEOPLE - 1 - i]!, QUESTIONS[i % QUESTIONS.length]!);
  const sequential: number[] = [];
  for (let i = 0; i < SEQUENTIAL_TURNS; i++) {
    const turn = await timedTurn(people.employees[i % PEOPLE]!, QUESTIONS[i % QUESTIONS.length]!);
    if (turn.firstTokenMs !== null) sequential.push(Math.max(0, turn.firstTokenMs - modelFirstTokenMs));
  }

  const started = new Date();
  const concurrent = await Promise.all(people.employees.map((person, i) => timedTurn(person, QUESTIONS[i % QUESTIONS.length]!)));
  const recordsMissing = await missingRecords(
    people.admin.tenantId,
    concurrent.flatMap((t) => (t.decisionId ? [t.decisionId] : [])),
    started,
  );
  await llm.close();
  await db.close();

  const overhead = percentiles(sequential);
  const firstTokens = percentiles(concurrent.flatMap((t) => (t.firstTokenMs === null ? [] : [t.firstTokenMs])));
  return {
    corpus: { chunk_rows: chunkRows, load_s: Math.round(loadS) },
    model_first_token_ms: round(modelFirstTokenMs),
    server_overhead_before_first_token: { p50_ms: round(overhead.p50_ms), p95_ms: round(overhead.p95_ms), n: overhead.n },
    concurrent_50: {
      // a turn that failed, streamed an error, or never started an answer
      errors: concurrent.filter((t) => t.error || !t.decisionId).length,
      records_missing: recordsMissing,
      p95_first_token_ms: round(firstTokens.p95_ms),
      p50_first_token_ms: round(firstTokens.p50_ms),
    },
  };
}

type TimedTurn = { firstTokenMs: number | null; decisionId: string | null; error: boolean };

/** One turn through the real pipeline, read to its end; the time to its first streamed text. */
async function timedTurn(user: AuthenticatedUser, question: string): Promise<TimedTurn> {
  const started = performance.now();
  try {
    const response = await chatTurn(
      user,
      { conversationId: randomUUID(), message: { id: randomUUID(), role: "user", parts: [{ type: "text", text: question }] } },
      new AbortController().signal,
    );
    let firstTokenMs: number | null = null;
    let decisionId: string | null = null;
    let error = false;
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += value;
      const events = buffer.split("\n\n");
      buffer = events.pop() ?? "";
      for (const event of events) {
        const data = event.replace(/^data: /, "");
        if (data === "[DONE]" || !data.startsWith("{")) continue;
        const chunk = JSON.parse(data) as { type: string; messageMetadata?: { decisionId?: string } };
        if (chunk.type === "start") decisionId = chunk.messageMetadata?.decisionId ?? null;
        if (chunk.type === "text-delta" && firstTokenMs === null) firstTokenMs = performance.now() - started;
        if (chunk.type === "error") error = true;
      }
    }
    return { firstTokenMs, decisionId, error };
  } catch {
    return { firstTokenMs: null, decisionId: null, error: true };
  }
}

/** The model server's own time to its first token, asked directly: what the turn's time includes but is not the turn's. */
async function modelTimeToFirstToken(baseURL: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "bench-model", stream: true, messages: [{ role: "user", content: "hi" }] }),
    });
    const reader = response.body!.getReader();
    let text = "";
    while (!text.includes('"content":"Every')) text += new TextDecoder().decode((await reader.read()).value);
    samples.push(performance.now() - started);
    await reader.cancel();
  }
  return percentiles(samples).p50_ms;
}

/** Decision records of these turns not written within a generous wait after their streams ended. */
async function missingRecords(tenantId: string, decisionIds: string[], since: Date): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await withTenant(tenantId, (tx) =>
      tx.decisionRecord.count({ where: { id: { in: decisionIds }, createdAt: { gte: new Date(since.getTime() - 1000) } } }),
    );
    if (found === decisionIds.length || Date.now() > deadline) return decisionIds.length - found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Acme's admin and fifty employees of Acme who may read everything the demo gives everyone. */
async function benchPeople(): Promise<{ admin: AuthenticatedUser; employees: AuthenticatedUser[] }> {
  const tenant = (await database().prisma.tenant.findUnique({ where: { slug: "acme" } }))!;
  const passwordHash = await hashPassword("bench-password");
  await withTenant(tenant.id, (tx) =>
    tx.user.createMany({
      data: Array.from({ length: PEOPLE }, (_, i) => ({
        tenantId: tenant.id,
        email: `person${i}@bench.test`,
        name: `Person ${i}`,
        role: "employee" as const,
        passwordHash,
      })),
    }),
  );
  const strip = (u: Awaited<ReturnType<typeof loadUser>>): AuthenticatedUser => {
    const { passwordHash: _, ...user } = u!;
    return user;
  };
  const admin = strip(await loadUser(tenant, { email: "admin@acme.test" }));
  const employees = await Promise.all(Array.from({ length: PEOPLE }, async (_, i) => strip(await loadUser(tenant, { email: `person${i}@bench.test` }))));
  return { admin, employees };
}

/** 100k more passages for everyone in Acme, beside the demo documents (see bench/support/corpus.ts). */
async function loadPassages(admin: AuthenticatedUser): Promise<number> {
  await loadChunks(admin.tenantId, { from: 0, target: PASSAGES, readers: () => ["everyone"], text: sentenceSource() });
  await database().prisma.$executeRawUnsafe("ANALYZE");
  const rows = await withTenant(admin.tenantId, (tx) => tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM chunks`);
  return rows[0]?.n ?? 0;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
