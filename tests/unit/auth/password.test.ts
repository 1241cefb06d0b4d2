import { randomBytes, scryptSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, newPasswordProblem, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("hashes with scrypt at OWASP's minimum cost, with its parameters in the hash, and verifies", async () => {
    const hash = await hashPassword("비밀번호는 열두 글자 이상");
    expect(hash).toMatch(/^scrypt\$N=16384,r=8,p=5\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("비밀번호는 열두 글자 이상", hash)).toBe(true);
    expect(await verifyPassword("비밀번호는 열두 글자 이하", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    // A salt per hash: the same password never hashes the same twice.
    expect(await hashPassword("비밀번호는 열두 글자 이상")).not.toBe(hash);
  });

  it("still verifies hashes made before (no parameters, p=1) and asks for them to be remade", async () => {
    const salt = randomBytes(16);
    const legacy = `scrypt$${salt.toString("base64url")}$${scryptSync("old secret value", salt, 32).toString("base64url")}`;
    expect(await verifyPassword("old secret value", legacy)).toBe(true);
    expect(await verifyPassword("other", legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it("refuses tampered parameters instead of running them", async () => {
    const hash = await hashPassword("a long enough secret");
    expect(await verifyPassword("a long enough secret", hash.replace("N=16384", "N=1073741824"))).toBe(false);
    expect(await verifyPassword("a long enough secret", "bcrypt$whatever")).toBe(false);
  });

  it("asks for long passwords that are not the e-mail address", () => {
    expect(newPasswordProblem("short", "a@b.test")).toMatch(/at least 12/);
    expect(newPasswordProblem("aaaaaaaaaaaaaaaa", "a@b.test")).toMatch(/more different characters/);
    expect(newPasswordProblem("Person@Example.test", "person@example.test")).toMatch(/e-mail/);
    expect(newPasswordProblem("열두 글자가 넘는 비밀번호", "a@b.test")).toBeNull();
  });
});
