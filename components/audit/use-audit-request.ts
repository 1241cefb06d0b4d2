"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

/**
 * Sends a change to one of the console's APIs, then shows the page again with it; `problem` is the
 * server's message when it refused (its words say why: a bad day, a person not in the workspace).
 */
export function useAuditRequest() {
  const router = useRouter();
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refreshing, startRefresh] = useTransition();

  async function send(method: "POST" | "PUT", path: string, body?: unknown): Promise<unknown> {
    setProblem(null);
    setSending(true);
    try {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => ({}))) as { message?: string };
      if (!response.ok) {
        setProblem(answer.message ?? `HTTP ${response.status}`);
        return null;
      }
      startRefresh(() => router.refresh());
      return answer;
    } finally {
      setSending(false);
    }
  }

  return { send, problem, pending: sending || refreshing };
}
