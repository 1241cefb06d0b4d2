import { describe, expect, it } from "vitest";
import { LoreError } from "@/lib/errors";
import { byteSize, parseJsonText, readBoundedBody, readBoundedForm } from "@/lib/http/body";

const encode = (text: string) => new TextEncoder().encode(text);

/** A request whose body arrives in chunks, with no Content-Length; `pulled` counts the chunks the reader took. */
function streamingRequest(chunks: number, chunkBytes: number) {
  const state = { pulled: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === chunks) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x61));
    },
  });
  return { request: new Request("http://lore.test/api/x", { method: "POST", body, duplex: "half" } as RequestInit), state };
}

async function refusal(promise: Promise<unknown>): Promise<LoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoreError);
  return error as LoreError;
}

describe("bounded bodies", () => {
  it("reads a body within the limit whole", async () => {
    const { request } = streamingRequest(4, 1000);
    expect((await readBoundedBody(request, { maxBytes: 4000 }, "x")).byteLength).toBe(4000);
  });

  it("stops reading as soon as a body without Content-Length passes the limit", async () => {
    const { request, state } = streamingRequest(10_000, 1024);
    const error = await refusal(readBoundedBody(request, { maxBytes: 8 * 1024 }, "chat"));
    expect(error.status).toBe(413);
    expect(error.code).toBe("payload_too_large:chat");
    expect(error.message).toBe("The request body is larger than the limit of 8 KB.");
    // One chunk past the limit, plus whatever the stream had queued ahead: never the 10 MB.
    expect(state.pulled).toBeLessThan(12);
  });

  it("refuses a declared oversize before reading anything, with the endpoint's own wording when it has one", async () => {
    const declared = new Request("http://lore.test/api/documents", {
      method: "POST",
      body: "a".repeat(100),
      headers: { "content-length": String(3 * 1024 * 1024) },
    });
    const error = await refusal(readBoundedBody(declared, { maxBytes: 1024 * 1024, refusal: (size) => `The upload is ${size} bytes.` }, "documents"));
    expect(error.message).toBe("The upload is 3145728 bytes.");
    expect(declared.bodyUsed).toBe(false);
  });

  it("reads multipart forms within the limit and refuses broken ones", async () => {
    const form = new FormData();
    form.set("file", new File(["# Notes"], "notes.md"));
    const request = new Request("http://lore.test/api/documents", { method: "POST", body: form });
    const read = await readBoundedForm(request, { maxBytes: 64 * 1024 }, "documents");
    expect(await (read.get("file") as File).text()).toBe("# Notes");
    const broken = new Request("http://lore.test/api/documents", {
      method: "POST",
      body: "--x\r\nnope",
      headers: { "content-type": "multipart/form-data; boundary=y" },
    });
    expect((await refusal(readBoundedForm(broken, { maxBytes: 1024 }, "documents"))).message).toBe("The request body is not valid multipart/form-data.");
  });

  it("says sizes as people read them", () => {
    expect([byteSize(64 * 1024), byteSize(1536), byteSize(1024 * 1024), byteSize(20_000_000)]).toEqual(["64 KB", "1.5 KB", "1 MB", "19.1 MB"]);
  });
});

describe("JSON bodies", () => {
  it("parses JSON and cleans every string and key: NUL removed, lone surrogates replaced (English and Korean)", () => {
    const text = JSON.stringify({ question: "expense\u0000 claims", 질문: ["경비\ud800 청구", { "ke\u0000y": "\udfff" }], n: 3 });
    expect(parseJsonText(encode(text), "chat")).toEqual({ question: "expense claims", 질문: ["경비\ufffd 청구", { key: "\ufffd" }], n: 3 });
  });

  it("refuses text that is not UTF-8, not JSON, or nested deeper than 32 levels", () => {
    const message = (bytes: Uint8Array) => {
      try {
        parseJsonText(bytes, "chat");
        return "parsed";
      } catch (error) {
        return (error as LoreError).message;
      }
    };
    expect(message(new Uint8Array([0x22, 0xc3, 0x28, 0x22]))).toBe("The request body is not valid UTF-8 text.");
    expect(message(encode("{'a': 1}"))).toBe("The request body is not valid JSON.");
    expect(message(encode("[".repeat(33) + "]".repeat(33)))).toBe("The request body is nested too deeply (more than 32 levels).");
    expect(message(encode("[".repeat(100_000)))).toBe("The request body is nested too deeply (more than 32 levels).");
    expect(message(encode("[".repeat(32) + "]".repeat(32)))).toBe("parsed");
    // Brackets and escaped quotes inside strings are not nesting.
    expect(message(encode(JSON.stringify({ text: `\\"${"[{".repeat(500)}` })))).toBe("parsed");
  });
});
