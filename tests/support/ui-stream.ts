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
  return chunks.filter((c) => c.type === "text-delta").map((c) => String(c.delta)).join("");
}
