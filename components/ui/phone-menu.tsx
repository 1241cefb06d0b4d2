"use client";

import { Menu, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The header's sections, preferences and sign-out on a phone: behind a menu button, opened as a
 * panel under the header; it closes on Escape (focus back on the button) and on navigation.
 */
export function PhoneMenu({ children }: { children: ReactNode }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const pathname = usePathname();

  // biome-ignore lint/correctness/useExhaustiveDependencies: navigating (a new pathname) is what closes the menu
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <div className="md:hidden">
      <button
        ref={button}
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls="phone-menu"
        aria-label={open ? t("closeMenu") : t("openMenu")}
        className="rounded p-1.5 text-slate-700 hover:bg-slate-100"
        data-testid="phone-menu-button"
      >
        {open ? <X size={20} aria-hidden /> : <Menu size={20} aria-hidden />}
      </button>
      {open && (
        <div id="phone-menu" className="absolute inset-x-0 top-full z-50 space-y-3 border-b border-slate-200 bg-white p-4 shadow-lg" data-testid="phone-menu">
          {children}
        </div>
      )}
    </div>
  );
}
