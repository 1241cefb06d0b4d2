// A worker thread that parses uploaded files for lib/ingest/parsers/sandbox.ts, under the memory and
// stack limits that module gives it: a file that exhausts them ends this thread, never the server.
// It loads the TypeScript parsers through tsx, since Node loads this file as it is, outside the bundle.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { parseFile } = await import(new URL("./parse-file.ts", import.meta.url).href);

parentPort.on("message", async ({ id, fileName, bytes }) => {
  try {
    parentPort.postMessage({ id, ok: true, parsed: await parseFile(fileName, bytes) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: described(error) });
  }
});
parentPort.postMessage({ ready: true });

function described(error) {
  if (error?.name === "LoreError") return { kind: "lore", type: error.type, message: error.message };
  // Deep recursion in a parser: the structure, not the size, is the problem.
  if (error instanceof RangeError && /call stack/i.test(error.message)) return { kind: "nested", message: error.message };
  return { kind: "other", message: String(error?.message ?? error), stack: error?.stack };
}
