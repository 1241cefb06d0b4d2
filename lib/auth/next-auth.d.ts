import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    tenantId?: string;
    tenantSlug?: string;
    tenantName?: string;
    role?: Role;
    groupNames?: string[];
    /** the server-side session opened at sign-in (lib/auth/sessions.ts) */
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
    user: {
      id: string;
      name: string;
      email: string;
      tenantId: string;
      tenantSlug: string;
      tenantName: string;
      role: Role;
      groupNames: string[];
    };
  }
}
