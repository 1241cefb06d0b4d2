"use client";

import { Pencil, Plus, Search, Trash2 } from "lucide-react";
import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useConversations } from "@/components/chat/conversations-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { ConversationSummary } from "@/lib/chat/conversation-list";
import { groupByDate, type DateGroup } from "@/lib/chat/date-groups";

type Props = { onNavigate?: () => void };

/**
 * The reader's conversations: a search over titles and messages (on the server), date groups with
 * times, the open one marked, and rename and delete (confirmed) on each.
 */
export function ConversationSidebar({ onNavigate }: Props) {
  const t = useTranslations("conversations");
  const { conversations } = useConversations();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<ConversationSummary[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a changed conversation list (renamed, deleted, new) runs the search again so the results stay current
  useEffect(() => {
    const needle = query.trim();
    if (!needle) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/conversations?q=${encodeURIComponent(needle)}`, { signal: controller.signal })
        .then((response) =>
          response.ok ? (response.json() as Promise<{ conversations: ConversationSummary[] }>) : Promise.reject(new Error(String(response.status))),
        )
        .then((body) => setFound(body.conversations))
        .catch(() => controller.signal.aborted || setStatus(t("failed")));
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, conversations, t]);

  const shown = found ?? conversations;
  return (
    <nav className="flex h-full min-h-0 flex-col" aria-label={t("label")}>
      <div className="space-y-2 p-3">
        {/* A full load: the open conversation's page may stand at "/" (a new one gets its address in
            place), and a client navigation there would keep that conversation instead of a new one. */}
        <a
          href="/"
          onClick={onNavigate}
          className="flex items-center justify-center gap-1.5 rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100"
        >
          <Plus size={16} aria-hidden /> {t("new")}
        </a>
        <label className="relative block">
          <span className="sr-only">{t("search")}</span>
          <Search size={14} className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-slate-500" aria-hidden />
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === "Escape" && setQuery("")}
            placeholder={t("searchPlaceholder")}
            className="w-full rounded-md border border-slate-300 bg-white py-1.5 pr-2 pl-8 text-sm"
            data-testid="conversation-search"
          />
        </label>
      </div>
      <p role="status" className="sr-only">
        {status}
      </p>
      <div className="min-h-0 flex-1 overflow-y-auto px-2 pb-3 text-sm" data-testid="conversation-list">
        {found ? (
          <ConversationItems items={found} onNavigate={onNavigate} onStatus={setStatus} showMatch />
        ) : (
          <GroupedConversations conversations={shown} onNavigate={onNavigate} onStatus={setStatus} />
        )}
        {found && found.length === 0 && <p className="px-2 py-1.5 text-slate-600">{t("noMatches", { query: query.trim() })}</p>}
        {!found && conversations.length === 0 && <p className="px-2 py-1.5 text-slate-600">{t("none")}</p>}
      </div>
    </nav>
  );
}

function GroupedConversations({
  conversations,
  onNavigate,
  onStatus,
}: {
  conversations: ConversationSummary[];
  onNavigate?: () => void;
  onStatus: (s: string) => void;
}) {
  const t = useTranslations("conversations");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const timeZone = useTimeZone() ?? "UTC";
  const label = (group: DateGroup) =>
    group.kind === "month"
      ? format.dateTime(new Date(Date.UTC(group.year, group.month - 1, 15)), { year: "numeric", month: "long", timeZone: "UTC" })
      : t(`groups.${group.kind}`);
  return groupByDate(conversations, now, timeZone).map(({ group, items }) => (
    <section key={label(group)} aria-label={label(group)} className="mt-3 first:mt-0">
      <h2 className="px-2 pb-1 text-xs font-semibold text-slate-600">{label(group)}</h2>
      <ConversationItems items={items} onNavigate={onNavigate} onStatus={onStatus} timeOnly={group.kind === "today" || group.kind === "yesterday"} />
    </section>
  ));
}

function ConversationItems({
  items,
  onNavigate,
  onStatus,
  timeOnly = false,
  showMatch = false,
}: {
  items: ConversationSummary[];
  onNavigate?: () => void;
  onStatus: (s: string) => void;
  timeOnly?: boolean;
  showMatch?: boolean;
}) {
  return (
    <ul className="space-y-0.5">
      {items.map((c) => (
        <ConversationItem key={c.id} conversation={c} onNavigate={onNavigate} onStatus={onStatus} timeOnly={timeOnly} showMatch={showMatch} />
      ))}
    </ul>
  );
}

function ConversationItem({
  conversation,
  onNavigate,
  onStatus,
  timeOnly,
  showMatch,
}: {
  conversation: ConversationSummary;
  onNavigate?: () => void;
  onStatus: (s: string) => void;
  timeOnly: boolean;
  showMatch: boolean;
}) {
  const t = useTranslations("conversations");
  const format = useFormatter();
  const router = useRouter();
  const { reload } = useConversations();
  const pathname = usePathname();
  const href = `/c/${conversation.id}`;
  const active = pathname === href;
  const [mode, setMode] = useState<"view" | "rename" | "confirm-delete">("view");
  const [title, setTitle] = useState(conversation.title);
  const input = useRef<HTMLInputElement>(null);
  const when = new Date(conversation.updatedAt);
  const time = format.dateTime(
    when,
    timeOnly ? { hour: "numeric", minute: "2-digit" } : { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" },
  );

  useEffect(() => {
    if (mode === "rename") input.current?.select();
  }, [mode]);

  async function rename() {
    const next = title.trim();
    if (!next || next === conversation.title) return setMode("view");
    const response = await fetch(`/api/conversations/${conversation.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: next }),
    }).catch(() => null);
    if (!response?.ok) onStatus(t("failed"));
    setMode("view");
    await reload();
    if (active) document.title = `${next} · Lore`;
  }

  async function remove() {
    const response = await fetch(`/api/conversations/${conversation.id}`, { method: "DELETE" }).catch(() => null);
    setMode("view");
    if (!response?.ok) return onStatus(t("failed"));
    onStatus(t("deleted"));
    if (active) router.push("/");
    await reload();
  }

  if (mode === "rename") {
    const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key === "Enter" && !e.nativeEvent.isComposing) void rename();
      if (e.key === "Escape") {
        setTitle(conversation.title);
        setMode("view");
      }
    };
    return (
      <li className="flex items-center gap-1 px-1 py-1">
        <label className="min-w-0 flex-1">
          <span className="sr-only">{t("renameLabel")}</span>
          <input
            ref={input}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            onKeyDown={onKeyDown}
            maxLength={120}
            className="w-full rounded border border-indigo-400 px-1.5 py-1 text-sm"
          />
        </label>
        <button type="button" onClick={() => void rename()} className="rounded px-1.5 py-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50">
          {t("save")}
        </button>
      </li>
    );
  }

  return (
    <li className={`group relative rounded-md ${active ? "bg-indigo-50 text-indigo-900" : "hover:bg-slate-100"}`} data-testid="conversation-item">
      <Link
        href={href}
        onClick={onNavigate}
        aria-current={active ? "page" : undefined}
        className="block rounded-md py-1.5 pr-14 pl-2"
        title={conversation.title}
      >
        <span className={`block truncate ${active ? "font-medium" : ""}`}>{conversation.title}</span>
        <time dateTime={conversation.updatedAt} className="block text-xs text-slate-600" suppressHydrationWarning>
          {time}
        </time>
        {showMatch && conversation.match && <span className="mt-0.5 line-clamp-2 block text-xs text-slate-600">{conversation.match}</span>}
      </Link>
      <div className="absolute top-1.5 right-1 flex opacity-100 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
        <button
          type="button"
          onClick={() => setMode("rename")}
          className="rounded p-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
          aria-label={`${t("rename")}: ${conversation.title}`}
        >
          <Pencil size={14} aria-hidden />
        </button>
        <button
          type="button"
          onClick={() => setMode("confirm-delete")}
          className="rounded p-1 text-slate-600 hover:bg-slate-200 hover:text-red-700"
          aria-label={`${t("delete")}: ${conversation.title}`}
        >
          <Trash2 size={14} aria-hidden />
        </button>
      </div>
      {mode === "confirm-delete" && (
        <ConfirmDialog
          title={t("deleteTitle")}
          body={t("deleteBody", { title: conversation.title })}
          confirm={t("delete")}
          cancel={t("cancel")}
          onConfirm={() => void remove()}
          onCancel={() => setMode("view")}
        />
      )}
    </li>
  );
}
