import type { Role } from "@/lib/generated/prisma/enums";

declare module "next-auth" {
  interface User {
    tenantId?: string;
    tenantSlug?: string;
    tenantName?: string;
    role?: Role;
    groupNames?: string[];
  }
  interface Session {
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
