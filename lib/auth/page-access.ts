import "server-only";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import type { AuthenticatedUser } from "@/lib/auth/user";

/** For pages: the signed-in user, or a redirect to sign in (an expired session included). */
export async function pageUser(): Promise<AuthenticatedUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}
