import type { Role } from "@/lib/generated/prisma/enums";

/** Who may read the decision log: auditors and administrators. Nobody may change it; employees may not read it. */
export const AUDIT_READERS = ["auditor", "admin"] as const satisfies readonly Role[];

export function canReadAudit(role: Role): boolean {
  return (AUDIT_READERS as readonly Role[]).includes(role);
}
