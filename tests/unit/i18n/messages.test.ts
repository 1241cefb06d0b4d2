import { describe, expect, it } from "vitest";
import { resolveLocale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import ko from "@/lib/i18n/messages/ko.json";

function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)/g)].map((m) => m[1]!).sort();
}

describe("the interface's messages", () => {
  it("exist in Korean for every English key and no other", () => {
    expect(keys(ko).sort()).toEqual(keys(en).sort());
  });

  it("use the same placeholders in both languages and leave none empty", () => {
    const lookup = (messages: object, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;
    for (const key of keys(en)) {
      expect(lookup(ko, key).trim(), key).not.toBe("");
      expect(placeholders(lookup(ko, key)), key).toEqual(placeholders(lookup(en, key)));
    }
  });
});

describe("the interface language of a request", () => {
  it("follows the browser when the reader has not chosen", () => {
    expect(resolveLocale({ acceptLanguage: "ko-KR,ko;q=0.9,en-US;q=0.8" })).toBe("ko");
    expect(resolveLocale({ acceptLanguage: "en-GB,en;q=0.9" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "fr-FR,ko;q=0.5" })).toBe("ko");
    expect(resolveLocale({ acceptLanguage: "de-DE" })).toBe("en");
  });

  it("prefers the reader's own choice", () => {
    expect(resolveLocale({ cookie: "en", acceptLanguage: "ko-KR" })).toBe("en");
    expect(resolveLocale({ cookie: "ko", acceptLanguage: "en-US" })).toBe("ko");
  });

  it("falls back to English on missing, unknown or malformed input", () => {
    expect(resolveLocale({})).toBe("en");
    expect(resolveLocale({ cookie: "xx", acceptLanguage: "" })).toBe("en");
    expect(resolveLocale({ acceptLanguage: "!!!,;q=abc,@@" })).toBe("en");
  });
});
