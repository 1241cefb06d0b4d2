import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "@/tests/support/loopback-server";

/** How the server answers: a judgement, or one of the ways a real endpoint fails. */
export type JudgeBehaviour = "answer" | "hang" | "http-500" | "not-json";

export type JudgeServer = {
  /** e.g. http://127.0.0.1:41234/v1 (chat) — the classifier's /predict is at the same base. */
  baseURL: string;
  /** The text between the judging prompt's markers, per chat request, and the inputs of /predict requests, in order. */
  judged: string[];
  behaviour: JudgeBehaviour;
  /** The chat judge's JSON answer for a judged text. */
  verdict: (text: string) => object;
  /** The classifier's labels for a judged text. */
  labels: (text: string) => { label: string; score: number }[];
  close(): Promise<void>;
};

/**
 * A real HTTP server on 127.0.0.1 playing both kinds of judge: an OpenAI-compatible
 * `POST /v1/chat/completions` (non-streaming, with token usage) that answers with the JSON the
 * judging prompt asks for, and a text-classification `POST /v1/predict`.
 */
export async function startJudgeServer(): Promise<JudgeServer> {
  const state: Omit<JudgeServer, "baseURL" | "close"> = {
    judged: [],
    behaviour: "answer",
    verdict: () => ({ unsafe: false, categories: [], confidence: 0.9, person_names: [] }),
    labels: () => [{ label: "SAFE", score: 0.9 }],
  };
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as { model?: string; messages?: { role: string; content: string }[]; inputs?: string };
    const text = request.url?.endsWith("/predict") ? String(body.inputs) : judgedText(body.messages ?? []);
    state.judged.push(text);
    if (state.behaviour === "hang") return; // never answers; the client's timeout must end the wait
    if (state.behaviour === "http-500") {
      response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "judge exploded" } }));
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    if (request.url?.endsWith("/predict")) {
      response.end(JSON.stringify(state.behaviour === "not-json" ? { nonsense: true } : state.labels(text)));
      return;
    }
    const content = state.behaviour === "not-json" ? "I think this is fine." : JSON.stringify(state.verdict(text));
    response.end(
      JSON.stringify({
        id: "judge-1",
        object: "chat.completion",
        created: 0,
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: 300 + text.length, completion_tokens: 25, total_tokens: 325 + text.length },
      }),
    );
  });
  return Object.assign(state, await listenOnLoopback(server));
}

/** The text the judging prompt fences between its <<<tag>>> markers. */
function judgedText(messages: { role: string; content: string }[]): string {
  const prompt = messages.find((m) => m.role === "user")?.content ?? "";
  const fenced = /<<<([0-9a-f]+)>>>\n([\s\S]*)\n<<<\/\1>>>/.exec(prompt);
  return fenced ? fenced[2]! : prompt;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}
