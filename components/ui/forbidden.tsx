import { useTranslations } from "next-intl";
import type { Role } from "@/lib/generated/prisma/enums";

export function Forbidden({ need }: { need: Role }) {
  const t = useTranslations();
  return (
    <div role="alert" data-testid="forbidden" className="m-8 rounded-lg border border-amber-200 bg-amber-50 p-6 text-amber-900">
      <h1 className="text-lg font-semibold">{t("forbidden.title")}</h1>
      <p className="mt-1 text-sm">{t("forbidden.body", { role: t(`shell.roles.${need}`) })}</p>
    </div>
  );
}
