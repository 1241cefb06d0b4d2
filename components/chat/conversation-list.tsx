import { useTranslations } from "next-intl";
import Link from "next/link";

export function ConversationList({ conversations }: { conversations: { id: string; title: string }[] }) {
  const t = useTranslations("conversations");
  return (
    <aside className="hidden w-64 shrink-0 flex-col border-r border-slate-200 bg-white md:flex" aria-label={t("label")}>
      <div className="p-3">
        <Link href="/" className="block rounded-md border border-slate-300 px-3 py-2 text-center text-sm font-medium hover:bg-slate-50">
          + {t("new")}
        </Link>
      </div>
      <ul className="min-h-0 flex-1 overflow-y-auto px-2 pb-3 text-sm">
        {conversations.map((c) => (
          <li key={c.id}>
            <Link href={`/c/${c.id}`} className="block truncate rounded px-2 py-1.5 text-slate-700 hover:bg-slate-100" title={c.title}>
              {c.title}
            </Link>
          </li>
        ))}
        {conversations.length === 0 && <li className="px-2 py-1.5 text-slate-400">{t("none")}</li>}
      </ul>
    </aside>
  );
}
