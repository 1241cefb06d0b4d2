import type { PassageBlock } from "@/lib/chat/passage-view";

/** A passage's lines as paragraphs and tables, with the sentences an answer used marked. */
export function PassageBlocks({ blocks }: { blocks: PassageBlock[] }) {
  return (
    <div className="space-y-2 leading-relaxed text-slate-800" data-testid="passage-text">
      {blocks.map((block, i) =>
        block.kind === "table" ? (
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
                  <tr key={r}>
                    {row.map((cell, c) => (
                      <td key={c}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p key={i}>
            {block.sentences.map((s, j) => (
              <span key={j}>
                {s.used ? <mark className="rounded bg-amber-100 px-0.5 text-slate-900">{s.text}</mark> : s.text}{" "}
              </span>
            ))}
          </p>
        ),
      )}
    </div>
  );
}
