import { useFormatter, useTranslations } from "next-intl";
import type { Role } from "@/lib/generated/prisma/enums";

/** A page this person's role may not use: which roles may, in the interface's language. */
export function Forbidden({ need }: { need: Role | readonly Role[] }) {
  const t = useTranslations();
  const format = useFormatter();
  const roles = (typeof need === "string" ? [need] : need).map((role) => t(`shell.roles.${role}`));
  return (
    <div role="alert" data-testid="forbidden" className="m-8 rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <h1 className="text-lg font-semibold">{t("forbidden.title")}</h1>
      <p className="mt-1 text-sm">{t("forbidden.body", { role: format.list(roles, { type: "disjunction" }) })}</p>
    </div>
  );
}
