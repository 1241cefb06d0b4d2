import { createServer, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "@/tests/support/loopback-server";

/** How the server answers the next chat completion: normally, or by failing in one of the ways real ones do. */
export type ChatBehaviour = "answer" | "drop-mid-stream" | "stall-mid-stream" | "http-500";

export type ChatServer = {
  baseURL: string;
  /** The request bodies received, in order (model, messages). */
  requests: { model: string; messages: { role: string; content: string }[] }[];
  behaviour: ChatBehaviour;
  /** What the server streams when answering. */
  reply: string;
  /** The prompt tokens it reports using (the completion's are its words). */
  promptTokens: number;
  /** The pause after each streamed word, as a model generating the answer would make; 0 streams it at once. */
  wordDelayMs: number;
  /** Resolves once the server, behaving as "stall-mid-stream", has sent the start of an answer and stopped. */
  stalled(): Promise<void>;
  close(): Promise<void>;
};

/** A real OpenAI-compatible `POST /v1/chat/completions` server (SSE streaming) on 127.0.0.1. */
export async function startChatServer(): Promise<ChatServer> {
  let stalls = Promise.withResolvers<void>();
  const state: Omit<ChatServer, "baseURL" | "close"> = {
    requests: [],
    behaviour: "answer",
    reply: "Every employee gets 25 vacation days [1].",
    promptTokens: 120,
    wordDelayMs: 5,
    stalled: () => stalls.promise,
  };
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as ChatServer["requests"][number] & { stream?: boolean };
    state.requests.push({ model: body.model, messages: body.messages });
    if (state.behaviour === "http-500") {
      response.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "upstream exploded" } }));
      return;
    }
    if (body.stream !== true) {
      // A plain completion (generateText), answered whole.
      const message = { role: "assistant", content: state.reply };
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: "c1",
          object: "chat.completion",
          created: 0,
          model: body.model,
          choices: [{ index: 0, message, finish_reason: "stop" }],
          usage: { prompt_tokens: state.promptTokens, completion_tokens: 10, total_tokens: state.promptTokens + 10 },
        }),
      );
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (delta: object, finish: string | null = null) =>
      response.write(
        `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      );
    send({ role: "assistant", content: "" });
    const words = state.reply.split(/(?<= )/);
    for (const [i, word] of words.entries()) {
      if (i === 2 && state.behaviour === "drop-mid-stream") {
        request.socket.destroy();
        return;
      }
      if (i === 2 && state.behaviour === "stall-mid-stream") {
        stalls.resolve();
        stalls = Promise.withResolvers();
        return; // never another byte
      }
      send({ content: word });
      if (state.wordDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.wordDelayMs));
    }
    send({}, "stop");
    response.write(
      `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 0, model: body.model, choices: [], usage: { prompt_tokens: state.promptTokens, completion_tokens: words.length, total_tokens: state.promptTokens + words.length } })}\n\n`,
    );
    response.end("data: [DONE]\n\n");
  });
  return Object.assign(state, await listenOnLoopback(server));
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

/**
 * Starts a chat server and makes it this process's configured model. Configuration is read once, on
 * first use: call this before anything else runs. The time limit is long enough for one retry of a
 * failed request (the SDK waits 2 s) and short enough for a stall test.
 */
export async function chatServerAsModel(): Promise<ChatServer> {
  const server = await startChatServer();
  process.env.LLM_BASE_URL = server.baseURL;
  process.env.LLM_MODEL = "test-model";
  process.env.LLM_API_KEY = "sk-test-secret-key";
  process.env.LLM_TIMEOUT_MS = "4000";
  return server;
}
