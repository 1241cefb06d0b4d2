"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

// Within this many pixels of the end counts as "at the end" (a line of text, give or take).
const AT_END_PX = 48;

/**
 * Keeps a scrolling conversation at its newest line while it grows (a streaming answer), unless the
 * reader has scrolled up to read something earlier: then it stays put and `atEnd` is false, so the
 * page can offer a "jump to latest" button. Opens at the end.
 */
export function useFollowScroll(container: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>) {
  const following = useRef(true);
  const [atEnd, setAtEnd] = useState(true);

  const scrollToEnd = useCallback(
    (behavior: ScrollBehavior = "instant") => {
      const element = container.current;
      if (!element) return;
      following.current = true;
      setAtEnd(true);
      element.scrollTo({ top: element.scrollHeight, behavior });
    },
    [container],
  );

  useEffect(() => {
    const element = container.current;
    const inner = content.current;
    if (!element || !inner) return;
    scrollToEnd();
    const distance = () => element.scrollHeight - element.scrollTop - element.clientHeight;
    // Only the reader scrolls up: content growing under a "scroll" event the page caused itself
    // (the newest line moved on before the event arrived) must not read as leaving the end.
    let lastTop = element.scrollTop;
    const onScroll = () => {
      const end = distance() <= AT_END_PX;
      if (end) following.current = true;
      else if (element.scrollTop < lastTop - 1) following.current = false;
      lastTop = element.scrollTop;
      setAtEnd(end || following.current);
    };
    // Growth does not fire "scroll": watch the content's size and keep up while following.
    const observer = new ResizeObserver(() => {
      if (following.current) {
        element.scrollTop = element.scrollHeight;
        lastTop = element.scrollTop;
      } else setAtEnd(distance() <= AT_END_PX);
    });
    observer.observe(inner);
    element.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", onScroll);
    };
  }, [container, content, scrollToEnd]);

  return { atEnd, scrollToEnd };
}
