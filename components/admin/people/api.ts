"use client";

/** What the people page's API calls answer: the parsed body, or the server's message when it refused. */
export type Answer<T> = { ok: true; data: T } | { ok: false; message: string };

export async function call<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<Answer<T>> {
  return answerOf<T>(
    fetch(path, {
      method,
      cache: "no-store",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** POSTs a form with files (multipart/form-data). */
export async function postForm<T>(path: string, form: FormData): Promise<Answer<T>> {
  return answerOf<T>(fetch(path, { method: "POST", cache: "no-store", body: form }));
}

async function answerOf<T>(request: Promise<Response>): Promise<Answer<T>> {
  const response = await request.catch(() => null);
  if (!response) return { ok: false, message: "The server could not be reached. Check your connection and try again." };
  if (response.status === 204) return { ok: true, data: undefined as T };
  const parsed = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!response.ok) return { ok: false, message: parsed?.message ?? `The server answered ${response.status}.` };
  return { ok: true, data: parsed as T };
}
