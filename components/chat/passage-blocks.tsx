import type { PassageBlock } from "@/lib/chat/passage-view";

/** A passage's lines as paragraphs and tables, with the sentences an answer used marked. */
export function PassageBlocks({ blocks }: { blocks: PassageBlock[] }) {
  return (
    <div className="space-y-2 leading-relaxed text-slate-800" data-testid="passage-text">
      {blocks.map((block, i) =>
        block.kind === "table" ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: a passage's lines laid out once, never reordered and possibly alike: their position is their identity
          <div key={i} className="markdown-table">
            <table>
              <thead>
                <tr>
                  {block.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {block.rows.map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are fixed in place (see above)
                  <tr key={r}>
                    {row.map((cell, c) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows and cells are fixed in place (see above)
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs and sentences are fixed in place (see above)
          <p key={i}>
            {block.sentences.map((s, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs and sentences are fixed in place (see above)
              <span key={j}>{s.used ? <mark className="rounded bg-amber-100 px-0.5 text-slate-900">{s.text}</mark> : s.text} </span>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
