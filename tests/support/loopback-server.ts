import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Starts a test's HTTP server on a free port of 127.0.0.1. `close` ends open connections too, so a
 * request the server left hanging on purpose does not keep the test process alive.
 */
export async function listenOnLoopback(server: Server, basePath = "/v1"): Promise<{ baseURL: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
