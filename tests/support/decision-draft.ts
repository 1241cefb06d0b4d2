import { randomUUID } from "node:crypto";
import type { DecisionDraft } from "@/lib/audit/records";

/** A plain answered extractive turn of `person`, as the tests of the decision log append it; `overrides` set what a test cares about. */
export function decisionDraft(person: { id: string; tenantId: string; email: string }, overrides: Partial<DecisionDraft> = {}): DecisionDraft {
  return {
    id: randomUUID(),
    tenantId: person.tenantId,
    userId: person.id,
    userEmail: person.email,
    conversationId: null,
    question: "(question)",
    answer: "(answer)",
    outcome: "answered",
    mode: "extractive",
    model: "extractive",
    promptVersion: "extractive",
    policyVersion: null,
    retrieved: [],
    withheld: [],
    verdicts: [],
    tokensIn: 0,
    tokensOut: 0,
    latencyMs: 5,
    error: null,
    ...overrides,
  };
}
