/** The name without its extension: a document's title until its file offers a better one. */
export function fileStem(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, "") || fileName;
}
