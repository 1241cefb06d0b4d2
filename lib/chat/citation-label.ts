/**
 * Where in its document a cited passage sits, for display: the heading path without the document's
 * own title (a Markdown file's first heading usually is its title), and the page if there is one,
 * written the interface's way (`formatPage`).
 */
export function citationLocation(citation: { documentTitle: string; headingPath: string; page: number | null }, formatPage: (page: number) => string): string {
  const headings = citation.headingPath.split(" › ").filter((h, i) => !(i === 0 && h === citation.documentTitle));
  return [headings.join(" › "), citation.page !== null ? formatPage(citation.page) : ""].filter(Boolean).join(" · ");
}
