import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { PassageBlocks } from "@/components/chat/passage-blocks";
import { pageUser } from "@/lib/auth/page-access";
import { readableDocument } from "@/lib/chat/document-view";
import { passageBlocks } from "@/lib/chat/passage-view";

type Params = { params: Promise<{ id: string }> };

// Not found, malformed and not readable look the same: which documents exist is not the reader's to learn.
const documentOf = cache(async (id: string) => (z.uuid().safeParse(id).success ? readableDocument(await pageUser(), id) : null));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const document = await documentOf((await params).id);
  return { title: document?.title ?? (await getTranslations("meta"))("documents") };
}

/** A document as the reader may read it, passage by passage under its headings; a cited passage is the link's target. */
export default async function DocumentPage({ params }: Params) {
  const document = await documentOf((await params).id);
  if (!document) notFound();
  const t = await getTranslations("document");
  const answerT = await getTranslations("answer");
  const format = await getFormatter();
  let heading = "";
  return (
    <div className="h-full overflow-y-auto px-4 py-6">
      <article className="mx-auto max-w-3xl">
        <h1 className="text-2xl font-semibold">{document.title}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {t("file", { name: document.fileName })} · {t("updated", { date: format.dateTime(document.updatedAt, { dateStyle: "medium" }) })}
        </p>
        {document.passages.length === 0 && <p className="mt-6 text-slate-600">{t("empty")}</p>}
        <div className="mt-6 space-y-4">
          {document.passages.map((passage, i) => {
            const path = passage.headingPath
              .split(" › ")
              .filter((h, j) => !(j === 0 && h === document.title))
              .join(" › ");
            const showHeading = path && path !== heading;
            heading = path;
            return (
              <section
                key={passage.id}
                id={`passage-${passage.id}`}
                aria-label={t("passage", { n: i + 1 })}
                className="scroll-mt-4 rounded-md p-2 target:bg-amber-50 target:ring-2 target:ring-amber-300"
              >
                {showHeading && <h2 className="mb-2 text-lg font-semibold">{path}</h2>}
                <PassageBlocks blocks={passageBlocks(passage.content, [])} />
                {passage.page !== null && <p className="mt-1 text-xs text-slate-600">{answerT("page", { page: passage.page })}</p>}
              </section>
            );
          })}
        </div>
      </article>
    </div>
  );
}
