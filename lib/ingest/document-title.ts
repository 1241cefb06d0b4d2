import { cleanText } from "@/lib/text/hygiene";

// Longer names are cut (most file systems stop at 255 bytes; a browser never sends more).
const MAX_FILE_NAME = 255;

/** The name without its extension: a document's title until its file offers a better one. */
export function fileStem(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, "") || fileName;
}

/**
 * An uploaded file's name as it is stored and shown: no NUL, lone surrogate or control character
 * (a multipart header can carry any of them), no path a client added, at most 255 characters with
 * its extension kept.
 */
export function storableFileName(fileName: string): string {
  const name = cleanText(fileName)
    .replace(/\p{Cc}+/gu, " ")
    .replace(/^.*[\\/]/, "")
    .trim();
  if (!name) return "unnamed";
  if (name.length <= MAX_FILE_NAME) return name;
  const extension = /\.[^.]{1,16}$/.exec(name)?.[0] ?? "";
  return `${name.slice(0, MAX_FILE_NAME - extension.length).toWellFormed()}${extension}`;
}
