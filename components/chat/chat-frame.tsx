"use client";

import { Menu, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { ConversationSidebar } from "@/components/chat/conversation-sidebar";
import { ConversationsProvider } from "@/components/chat/conversations-context";
import type { ConversationSummary } from "@/lib/chat/conversation-list";

/**
 * The chat page's frame: the conversation list beside the conversation on wide screens, and on a
 * phone a drawer opened from a menu button (focus moves into it, Escape or a choice closes it and
 * focus returns to the button).
 */
export function ChatFrame({ conversations, children }: { conversations: ConversationSummary[]; children: ReactNode }) {
  const t = useTranslations("conversations");
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLDivElement>(null);

  const close = useCallback(() => {
    setOpen(false);
    toggle.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    drawer.current?.querySelector<HTMLElement>("a, input, button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") close();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open, close]);

  return (
    <ConversationsProvider initial={conversations}>
      <div className="relative flex h-full">
        <aside className="hidden w-72 shrink-0 border-r border-slate-200 bg-white md:block">
          <ConversationSidebar />
        </aside>
        {open && (
          <div className="fixed inset-0 z-40 md:hidden" data-testid="conversation-drawer">
            <button type="button" className="absolute inset-0 bg-slate-900/40" aria-label={t("close")} tabIndex={-1} onClick={close} />
            <div
              ref={drawer}
              role="dialog"
              aria-modal="true"
              aria-label={t("label")}
              className="absolute inset-y-0 left-0 flex w-[85vw] max-w-80 flex-col bg-white shadow-xl"
            >
              <div className="flex justify-end p-2">
                <button type="button" onClick={close} className="rounded p-1.5 text-slate-600 hover:bg-slate-100" aria-label={t("close")}>
                  <X size={18} aria-hidden />
                </button>
              </div>
              <div className="min-h-0 flex-1">
                <ConversationSidebar onNavigate={() => setOpen(false)} />
              </div>
            </div>
          </div>
        )}
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="flex items-center border-b border-slate-200 bg-white px-2 py-1 md:hidden">
            <button
              ref={toggle}
              type="button"
              onClick={() => setOpen(true)}
              aria-expanded={open}
              className="flex items-center gap-1.5 rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
              data-testid="open-conversations"
            >
              <Menu size={18} aria-hidden /> {t("open")}
            </button>
          </div>
          <div className="min-h-0 flex-1">{children}</div>
        </div>
      </div>
    </ConversationsProvider>
  );
}
