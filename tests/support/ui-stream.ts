/** The chunks of an AI SDK UI message stream (Server-Sent Events), read to the end. */
export async function readUiStream(response: Response): Promise<{ type: string; [key: string]: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .map((event) => event.replace(/^data: /, "").trim())
    .filter((data) => data && data !== "[DONE]")
    .map((data) => JSON.parse(data) as { type: string });
}

export function streamedText(chunks: { type: string; [key: string]: unknown }[]): string {
  return chunks
    .filter((c) => c.type === "text-delta")
    .map((c) => String(c.delta))
    .join("");
}

/** The decision record id the turn announced in its stream's start chunk; a stream without one fails the test here. */
export function decisionIdOf(chunks: { type: string; [key: string]: unknown }[]): string {
  const metadata = chunks.find((c) => c.type === "start")?.messageMetadata as { decisionId?: string } | undefined;
  if (!metadata?.decisionId) throw new Error("the stream's start chunk carries no decision id");
  return metadata.decisionId;
}
