import { describe, expect, it } from "vitest";
import { configFromEnvironment } from "@/tests/support/config-from-environment";

const configWith = configFromEnvironment(["DATABASE_URL", "PGLITE_SHARED_BUFFERS"]);

describe("the embedded database's settings", () => {
  it("give it 512MB of shared buffers unless PGLITE_SHARED_BUFFERS says otherwise", async () => {
    expect((await configWith({}))().database).toEqual({ kind: "pglite", dataDir: "memory://", sharedBuffers: "512MB" });
    expect((await configWith({ PGLITE_SHARED_BUFFERS: "1GB" }))().database).toMatchObject({ sharedBuffers: "1GB" });
  });

  it("refuse a size Postgres would not read, naming the variable", async () => {
    const config = await configWith({ PGLITE_SHARED_BUFFERS: "lots" });
    expect(() => config()).toThrow(/PGLITE_SHARED_BUFFERS: must be a size such as 512MB/);
  });
});
