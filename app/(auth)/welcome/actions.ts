"use server";

import { redirect } from "next/navigation";
import { setPasswordWithLink } from "@/lib/auth/people/welcome-links";

export type ChoosePasswordState = { error: string | null };

/** Sets the password of the link's holder, then sends them to sign in with it; a refusal says why. */
export async function choosePassword(_previous: ChoosePasswordState, formData: FormData): Promise<ChoosePasswordState> {
  const workspace = String(formData.get("workspace") ?? "");
  const password = String(formData.get("password") ?? "");
  if (password !== String(formData.get("confirm") ?? "")) return { error: "The two passwords are not the same." };
  const result = await setPasswordWithLink(workspace, String(formData.get("token") ?? ""), password);
  if (!result.ok) return { error: result.message };
  redirect(`/signin?${new URLSearchParams({ workspace, notice: "password_set" })}`);
}
