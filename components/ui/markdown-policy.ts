import type { Element, ElementContent, Root, RootContent } from "hast";
import { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";

/**
 * What Markdown from a model or a document may become in the page: an allow-list of elements and
 * attributes (GitHub's, narrowed). Images are not on it: an answer that shows an image makes the
 * reader's browser fetch it from any host, the classic way a prompt injection planted in a document
 * sends data out. `remoteImagesAsLinks` turns each image into a link the reader must click instead.
 */
const { img: _img, ...attributes } = defaultSchema.attributes ?? {};

export const markdownSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !["img", "picture", "source", "video", "audio", "iframe", "object", "embed"].includes(tag)),
  attributes,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], src: [] },
};

/**
 * A rehype plugin that replaces every image by a link to it, labelled with its alt text and host,
 * so nothing is fetched until the reader chooses to open it. Runs before the sanitiser, which then
 * checks the link like any other (a `javascript:` or `data:` address loses its href).
 */
export function remoteImagesAsLinks(options: { label: (alt: string, host: string) => string }) {
  return (tree: Root) => {
    rewrite(tree, options.label);
  };
}

function rewrite(node: Root | Element, label: (alt: string, host: string) => string): void {
  node.children = node.children.map((child): RootContent & ElementContent => {
    if (child.type !== "element") return child as RootContent & ElementContent;
    if (child.tagName !== "img") {
      rewrite(child, label);
      return child;
    }
    const src = typeof child.properties.src === "string" ? child.properties.src : "";
    const alt = typeof child.properties.alt === "string" ? child.properties.alt : "";
    return { type: "element", tagName: "a", properties: { href: src }, children: [{ type: "text", value: label(alt, hostOf(src)) }] };
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}
