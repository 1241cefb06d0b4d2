import type { LoreError } from "@/lib/errors";
import { formatOf } from "@/lib/ingest/formats";

/** What upload and indexing do with a file before chunking: find its format, then parse it. */
export async function parseUpload(fileName: string, bytes: Uint8Array) {
  return (await formatOf(fileName, bytes)).parse(bytes);
}

/** The LoreError a rejected parse gave, to assert on its type and message. */
export async function rejection(promise: Promise<unknown>): Promise<LoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error && error.name === "LoreError") return error as LoreError;
    throw error;
  }
  throw new Error("expected the upload to be refused, but it was parsed");
}
