"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, SSO_PROVIDER_ID } from "@/lib/auth/auth";

export async function signInWithPassword(formData: FormData): Promise<void> {
  const callbackUrl = safeCallback(String(formData.get("callbackUrl") ?? "/"));
  const workspace = String(formData.get("workspace") ?? "");
  try {
    await signIn("credentials", {
      workspace,
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: callbackUrl,
    });
  } catch (error) {
    // A successful sign-in "throws" Next's redirect; only real failures are handled here.
    if (!(error instanceof AuthError)) throw error;
    const code = "code" in error && typeof error.code === "string" ? error.code : "invalid_credentials";
    const params = new URLSearchParams({ error: code, workspace, callbackUrl });
    redirect(`/signin?${params}`);
  }
}

/** Sends the browser to the company's identity provider; it comes back to callbackUrl. */
export async function signInWithSso(formData: FormData): Promise<void> {
  await signIn(SSO_PROVIDER_ID, { redirectTo: safeCallback(String(formData.get("callbackUrl") ?? "/")) });
}

// Only same-site paths: an open redirect after sign-in would hand the session page to another site.
function safeCallback(url: string): string {
  return url.startsWith("/") && !url.startsWith("//") ? url : "/";
}
