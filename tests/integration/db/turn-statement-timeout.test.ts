import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { withTenant } from "@/lib/db/tenant";
import { acmeWithDocuments } from "@/tests/support/acme";
import { ask } from "@/tests/support/chat";
import { migratedDatabase } from "@/tests/support/database";
import { streamedText } from "@/tests/support/ui-stream";

// Read on first use of the configuration, below: every statement of a tenant transaction gets 2 s.
process.env.DB_STATEMENT_TIMEOUT_MS = "2000";

let db: Database;
let acme: Awaited<ReturnType<typeof acmeWithDocuments>>;

beforeAll(async () => {
  db = await migratedDatabase();
  acme = await acmeWithDocuments();
  // From now on, the first read of passages in a transaction takes 5 s: a retrieval that overruns its
  // statement timeout, as an expensive question would, while every other statement stays fast.
  await db.withSession((session) =>
    session.exec(`
      CREATE FUNCTION slow_first_read() RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('test.slept', true) IS DISTINCT FROM 'yes' THEN
          PERFORM set_config('test.slept', 'yes', true);
          PERFORM pg_sleep(5);
        END IF;
        RETURN true;
      END $$;
      CREATE POLICY slow_reads ON chunks AS RESTRICTIVE FOR SELECT USING (slow_first_read());`),
  );
});
afterAll(() => db.close());

describe("a chat turn whose retrieval overruns the statement timeout", () => {
  it.each([
    ["en", "How many vacation days do I get?"],
    ["ko", "연차 휴가는 며칠인가요?"],
  ])("tells the person plainly and still writes its decision record (%s)", async (_language, question) => {
    const user = acme.users.engineer!;
    const { chunks, conversationId } = await ask(user, question);
    expect(streamedText(chunks)).toBe("");
    const error = chunks.find((c) => c.type === "error") as { errorText: string } | undefined;
    expect(error?.errorText).toBe("This took the database longer than the 2 s allowed for one step, so it was stopped. Please try again.");
    // The turn failed before its answer began, so the stream named no decision: find it by conversation.
    const recordsOfTurn = () => withTenant(user.tenantId, (tx) => tx.decisionRecord.findMany({ where: { conversationId } }));
    await expect.poll(recordsOfTurn, { timeout: 30_000 }).toHaveLength(1);
    expect((await recordsOfTurn())[0]).toMatchObject({ outcome: "error", question, retrieved: [], error: error?.errorText });
  });
});
