import JSZip from "jszip";
import { LoreError } from "@/lib/errors";

/** Limits on what an Office file may expand to; real documents stay far below them. */
const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Compression ratio beyond which a large archive is taken for a zip bomb. */
  maxRatio: 100,
  /** Below this total a high ratio is harmless (small XML compresses very well). */
  ratioAppliesAboveBytes: 10 * 1024 * 1024,
};

/**
 * Opens an Office file (a ZIP archive) only after checking it cannot be a zip bomb: the central
 * directory's entry count, total uncompressed size and compression ratio are checked before
 * anything is inflated; then every entry is inflated as a stream and stopped as soon as it exceeds
 * the size it declared, because a crafted archive can understate its sizes, and the parsers that
 * read it next (mammoth, exceljs) would inflate it without any limit.
 */
export async function openZipWithinLimits(bytes: Uint8Array, fileName: string, formatName: string): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new LoreError("unprocessable", "documents", `"${fileName}" is a damaged ${formatName} file: its ZIP structure cannot be read.`);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > ZIP_LIMITS.maxEntries) {
    throw refused(fileName, `it contains ${entries.length} files (the limit is ${ZIP_LIMITS.maxEntries})`);
  }
  const declared = entries.map((entry) => ({ entry, ...declaredSizes(entry) }));
  const uncompressed = declared.reduce((sum, d) => sum + d.uncompressedSize, 0);
  const compressed = declared.reduce((sum, d) => sum + d.compressedSize, 0);
  if (uncompressed > ZIP_LIMITS.maxUncompressedBytes) {
    throw refused(fileName, `it would expand to ${megabytes(uncompressed)} (the limit is ${megabytes(ZIP_LIMITS.maxUncompressedBytes)})`);
  }
  const ratio = uncompressed / Math.max(compressed, 1);
  if (uncompressed > ZIP_LIMITS.ratioAppliesAboveBytes && ratio > ZIP_LIMITS.maxRatio) {
    throw refused(fileName, `it would expand ${Math.round(ratio)} times, to ${megabytes(uncompressed)}, which only a zip bomb does`);
  }
  for (const { entry, uncompressedSize } of declared) {
    let within: boolean;
    try {
      within = await inflatesWithin(entry, uncompressedSize);
    } catch {
      throw new LoreError("unprocessable", "documents", `"${fileName}" is a damaged ${formatName} file: "${entry.name}" inside it cannot be read.`);
    }
    if (!within) throw refused(fileName, `its entry "${entry.name}" expands beyond the size it declares`);
  }
  return zip;
}

function refused(fileName: string, reason: string): LoreError {
  return new LoreError("unprocessable", "documents", `"${fileName}" was refused as a possible zip bomb: ${reason}.`);
}

type DeclaredSizes = { compressedSize: number; uncompressedSize: number };

// jszip reads the central directory's sizes into a private field it does not type; a jszip release
// that moves it fails here loudly rather than letting archives through unchecked.
function declaredSizes(entry: JSZip.JSZipObject): DeclaredSizes {
  const data: unknown = (entry as unknown as { _data?: unknown })._data;
  if (
    typeof data === "object" &&
    data !== null &&
    "compressedSize" in data &&
    "uncompressedSize" in data &&
    typeof data.compressedSize === "number" &&
    typeof data.uncompressedSize === "number"
  ) {
    return { compressedSize: data.compressedSize, uncompressedSize: data.uncompressedSize };
  }
  throw new Error("jszip no longer exposes entry sizes as _data; update openZipWithinLimits");
}

function inflatesWithin(entry: JSZip.JSZipObject, limit: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let total = 0;
    const stream = entry.nodeStream("nodebuffer");
    stream.on("data", (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= limit) return;
      // A paused stream that nobody reads stops jszip's inflater: nothing more is expanded.
      stream.pause();
      stream.removeAllListeners();
      resolve(false);
    });
    stream.on("end", () => resolve(true));
    stream.on("error", reject);
  });
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
