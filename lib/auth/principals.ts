/**
 * Access control as data (the Onyx pattern). A document's readers are a list of principals, copied
 * onto each of its chunks; a user's principals are computed here and intersected with a chunk's
 * inside the search query (`acl && principals`). This file is the only place either list is built.
 */
export const EVERYONE = "everyone";

export type Readers = { everyone: true } | { everyone: false; groupIds: string[]; userIds: string[] };

export function principalsOf(user: { id: string; groupIds: readonly string[] }): string[] {
  return [EVERYONE, `user:${user.id}`, ...user.groupIds.map((id) => `group:${id}`)];
}

export function aclFor(readers: Readers): string[] {
  if (readers.everyone) return [EVERYONE];
  return [...new Set([...readers.groupIds.map((id) => `group:${id}`), ...readers.userIds.map((id) => `user:${id}`)])].sort();
}

export function readersOf(acl: readonly string[]): Readers {
  if (acl.includes(EVERYONE)) return { everyone: true };
  return {
    everyone: false,
    groupIds: acl.filter((p) => p.startsWith("group:")).map((p) => p.slice("group:".length)),
    userIds: acl.filter((p) => p.startsWith("user:")).map((p) => p.slice("user:".length)),
  };
}
