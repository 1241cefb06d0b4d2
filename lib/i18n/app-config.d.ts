import type messages from "./messages/en.json";
import type { Locale } from "./locales";

// Typed messages: a key that is not in en.json fails the typecheck (ko.json is kept in step by a unit test).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
