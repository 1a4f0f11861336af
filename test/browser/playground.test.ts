import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { freePort, removeDir, startServer, type RunningServer } from "../support/server";

const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = path.resolve(__dirname, "../artifacts");

async function waitForUrl(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

describe("the Agents Playground in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let playgroundUrl: string;

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install it with "apt-get install -y chromium" (.ci/run does).`);
    mkdirSync(artifacts, { recursive: true });
    const playgroundPort = await freePort();
    playgroundUrl = `http://localhost:${playgroundPort}`;
    server = await startServer({ env: { START_PLAYGROUND: "true", SEED_DEMO: "true", PLAYGROUND_PORT: String(playgroundPort) } });
    await waitForUrl(playgroundUrl, 60_000);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      // playwright gives every launch a fresh temporary profile

    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "nb-NO" });
  }, 120_000);


  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  test("when the demo teacher opens the Playground, then the welcome card shows, and «hjelp» brings it again", async () => {
    await page.goto(playgroundUrl);
    const welcome = page.getByText("Velkommen til Nærvær");
    await welcome.first().waitFor({ timeout: 30_000 });
    await page.getByText(/kontaktlærer for 6 elever i 7B/).first().waitFor();
    await page.screenshot({ path: path.join(artifacts, "playground-welcome.png") });

    const input = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await input.click();
    await page.keyboard.type("hjelp");
    await page.keyboard.press("Enter");
    await page.waitForFunction("document.body.innerText.split(\"Velkommen til Nærvær\").length - 1 >= 2", undefined, { timeout: 20_000 });
    await page.screenshot({ path: path.join(artifacts, "playground-help.png") });
    expect(await welcome.count()).toBeGreaterThanOrEqual(2);
    expect(existsSync(path.join(artifacts, "playground-help.png"))).toBe(true);
  }, 90_000);
});
