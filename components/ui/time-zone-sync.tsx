"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zone";

/**
 * Tells the server the reader's time zone (a cookie), so dates it renders ("today", times) are the
 * reader's own; re-renders once when it learns or the zone changed.
 */
export function TimeZoneSync() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const current = document.cookie
      .split("; ")
      .find((c) => c.startsWith(`${TIME_ZONE_COOKIE}=`))
      ?.slice(TIME_ZONE_COOKIE.length + 1);
    if (!zone || decodeURIComponent(current ?? "") === zone) return;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API exists only in secure contexts, and Lore may be served over plain HTTP on an intranet
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [router]);
  return null;
}
