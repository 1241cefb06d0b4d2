/**
 * What is embedded for a chunk: the document's title and the chunk's heading path give a passage the
 * context its own words may lack ("15 days" under "Benefits › Annual leave"). Every embedder, and
 * every re-embedding after a switch, embeds this same text.
 */
export function embeddingText(documentTitle: string, chunk: { headingPath: string; content: string }): string {
  return `${documentTitle}\n${chunk.headingPath}\n${chunk.content}`;
}
