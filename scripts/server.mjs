// The production web server: Next.js's own request handler (what `next start` runs) behind a plain
// Node HTTP server that appends the address of each connection to X-Forwarded-For, as every proxy
// does. `next start` cannot be told to: it passes on whatever X-Forwarded-For a client sends and only
// fills one in when there is none, so an app reached directly could not tell a forged address from
// a real one. lib/auth/client-address.ts picks the entry TRUSTED_PROXY_HOPS from the right.
// It listens on $PORT (default 3000) on every interface, as `next start` does.
import { createServer } from "node:http";

process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? "3000");
const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  const forwarded = request.headers["x-forwarded-for"];
  const peer = request.socket.remoteAddress ?? "unknown";
  request.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
  void handle(request, response);
});
server.listen(port, () => console.log(`Lore is listening on http://localhost:${port}`));

// As `next start` does: stop taking connections, let Next.js finish, exit with the signal's code.
let stopping = false;
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(
      () =>
        void app
          .close()
          .catch(console.error)
          .finally(() => process.exit(code)),
    );
    server.closeIdleConnections();
  });
}
