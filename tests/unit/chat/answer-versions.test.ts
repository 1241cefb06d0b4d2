import { describe, expect, it } from "vitest";
import { splitVersions } from "@/lib/chat/answer-versions";
import type { ChatMessage } from "@/lib/chat/messages";

const message = (id: string, role: "user" | "assistant"): ChatMessage => ({ id, role, parts: [{ type: "text", text: id }] });

describe("answer versions of a stored conversation", () => {
  it("shows each question's latest answer and keeps the earlier ones, oldest first", () => {
    const { latest, earlier } = splitVersions([
      message("q1", "user"),
      message("a1", "assistant"),
      message("a1b", "assistant"),
      message("a1c", "assistant"),
      message("q2", "user"),
      message("a2", "assistant"),
    ]);
    expect(latest.map((m) => m.id)).toEqual(["q1", "a1c", "q2", "a2"]);
    expect(Object.fromEntries(Object.entries(earlier).map(([k, v]) => [k, v.map((m) => m.id)]))).toEqual({ q1: ["a1", "a1b"] });
  });

  it("leaves a conversation without versions as it is", () => {
    const messages = [message("q1", "user"), message("a1", "assistant"), message("q2", "user")];
    expect(splitVersions(messages)).toEqual({ latest: messages, earlier: {} });
  });
});
