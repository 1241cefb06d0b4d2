import type { ChunkDraft } from "@/lib/ingest/chunk";
import type { LiveChunk } from "@/lib/ingest/store-chunks";

/**
 * How a new version's chunks relate to the searchable ones, by content hash: a chunk whose text and
 * heading path are unchanged keeps its row (and its vectors) where it is, or is copied with its
 * vectors when only its position moved; only new text is embedded. Searchable chunks matched by no
 * draft vanish when the new version is swapped in.
 */
export type ChunkPlan = {
  keptIds: string[];
  moved: { fromId: string; ordinal: number; page: number | null }[];
  fresh: ChunkDraft[];
};

export function planChunks(drafts: ChunkDraft[], live: LiveChunk[]): ChunkPlan {
  const plan: ChunkPlan = { keptIds: [], moved: [], fresh: [] };
  const place = (hash: string, ordinal: number, page: number | null) => `${hash}\0${ordinal}\0${page}`;
  const byPlace = new Map(live.map((chunk) => [place(chunk.contentHash, chunk.ordinal, chunk.page), chunk]));
  const byHash = new Map<string, LiveChunk[]>();
  for (const chunk of live) byHash.set(chunk.contentHash, [...(byHash.get(chunk.contentHash) ?? []), chunk]);
  const matched = new Set<LiveChunk>();
  // First the chunks still in the same place, so that a repeated passage keeps the copy that stayed.
  const kept = new Map<ChunkDraft, LiveChunk>();
  for (const draft of drafts) {
    const same = byPlace.get(place(draft.contentHash, draft.ordinal, draft.page));
    if (same) {
      kept.set(draft, same);
      matched.add(same);
    }
  }
  for (const draft of drafts) {
    const same = kept.get(draft);
    if (same) {
      plan.keptIds.push(same.id);
      continue;
    }
    const moved = byHash.get(draft.contentHash)?.find((chunk) => !matched.has(chunk));
    if (!moved) {
      plan.fresh.push(draft);
      continue;
    }
    matched.add(moved);
    plan.moved.push({ fromId: moved.id, ordinal: draft.ordinal, page: draft.page });
  }
  return plan;
}
