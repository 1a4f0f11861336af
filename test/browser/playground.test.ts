import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
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
    if (!existsSync(chromiumPath))
      throw new Error(
        `Chromium not found at ${chromiumPath}: install it with "apt-get install -y chromium" (.ci/run does).`,
      );
    mkdirSync(artifacts, { recursive: true });
    const playgroundPort = await freePort();
    playgroundUrl = `http://localhost:${playgroundPort}`;
    server = await startServer({
      env: { START_PLAYGROUND: "true", SEED_DEMO: "true", PLAYGROUND_PORT: String(playgroundPort) },
    });
    await waitForUrl(playgroundUrl, 60_000);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
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
    await page
      .getByText(/kontaktlærer for 6 elever i 7B/)
      .first()
      .waitFor();
    await page.screenshot({ path: path.join(artifacts, "playground-welcome.png") });

    const input = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await input.click();
    await page.keyboard.type("hjelp");
    await page.keyboard.press("Enter");
    await page.waitForFunction('document.body.innerText.split("Velkommen til Nærvær").length - 1 >= 2', undefined, {
      timeout: 20_000,
    });
    await page.screenshot({ path: path.join(artifacts, "playground-help.png") });
    expect(await welcome.count()).toBeGreaterThanOrEqual(2);
    expect(existsSync(path.join(artifacts, "playground-help.png"))).toBe(true);
  }, 90_000);

  test("when the demo teacher gets a nudge and walks the telefonsamtale, then the documentation appears in the chat", async () => {
    const nudge = page.locator(".ac-adaptiveCard", { hasText: "Fravær å følge opp: Emma Fjellheim, 7B" }).first();
    await nudge.waitFor({ timeout: 30_000 });
    await nudge.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "playground-nudge.png") });
    expect(await nudge.innerText()).toMatch(/Nivå 0: Oppdage og utforske/);
    expect(await nudge.innerText()).toMatch(/Mandager er overrepresentert/);

    await nudge.getByRole("button", { name: "Start telefonsamtale hjem" }).click();
    for (let step = 1; step <= 7; step++) {
      const card = page.locator(".ac-adaptiveCard", { hasText: new RegExp(`steg ${step} av 7`) }).first();
      await card.waitFor({ timeout: 20_000 });
      await answerRequiredInputs(card);
      if (step === 1) {
        expect(await card.locator("textarea").first().inputValue()).toMatch(/fraværsdager/);
        await card.scrollIntoViewIfNeeded();
        await page.screenshot({ path: path.join(artifacts, "playground-telefonsamtale-step1.png") });
      }
      await card.getByRole("button", { name: step === 7 ? "Fullfør og dokumenter" : "Neste" }).click();
      if (step < 7)
        await page
          .locator(".ac-adaptiveCard", { hasText: new RegExp(`steg ${step + 1} av 7`) })
          .first()
          .waitFor({ timeout: 20_000 });
    }
    const documented = page.locator(".ac-adaptiveCard", { hasText: "Dokumentert: Telefonsamtale hjem" }).first();
    await documented.waitFor({ timeout: 20_000 });
    await documented.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "playground-documented.png") });
    const text = await documented.innerText();
    expect(text).toMatch(/Lagret i fraværsloggen/);
    expect(text).toMatch(/Alex Wilber/);
    expect(text).toMatch(/Emma Fjellheim, 7B/);
  }, 180_000);

  test("when the demo teacher writes «saker», then the pupils on the ladder are listed and «Åpne» shows the case", async () => {
    const input = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await input.click();
    await page.keyboard.type("saker");
    await page.keyboard.press("Enter");
    const list = page.locator(".ac-adaptiveCard", { hasText: "Saker du følger" }).last();
    await list.waitFor({ timeout: 20_000 });
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, "playground-saker.png") });
    const text = await list.innerText();
    expect(text).toMatch(/Emma Fjellheim, 7B/);
    expect(text).toMatch(/Nivå 0: Oppdage og utforske/);

    // Emma's telefonsamtale is documented, so her row says so and comes after the pupils still waiting.
    expect(text).toMatch(/Emma Fjellheim, 7B\s+Nivå 0: Oppdage og utforske\s+Fulgt opp/);
    const rows = text.match(/^.+, 7B$/gm) ?? [];
    expect(rows.at(-1)).toBe("Emma Fjellheim, 7B");
    await list
      .getByRole("button", { name: "Åpne" })
      .nth(rows.length - 1)
      .click();
    const opened = page.locator(".ac-adaptiveCard", { hasText: "Fravær å følge opp: Emma Fjellheim, 7B" }).last();
    // The list card is replaced in place by the case card.
    await page
      .locator(".ac-adaptiveCard", { hasText: "Saker du følger" })
      .waitFor({ state: "detached", timeout: 20_000 });
    await opened.waitFor({ timeout: 20_000 });
    expect(await opened.innerText()).toMatch(/Logg i saken/);
  }, 90_000);
});

/** Answers what the card requires, as a teacher would: keeps pre-filled text, writes a short note, picks the first option. */
async function answerRequiredInputs(card: Locator): Promise<void> {
  for (const area of await card.locator("textarea[aria-required=true]").all())
    if (!(await area.inputValue())) await area.fill("Avklart i samtalen med foresatte");
  for (const input of await card.locator("input[type=text][aria-required=true]").all())
    if (!(await input.inputValue())) await input.fill("Avklart");
  for (const date of await card.locator("input[type=date]").all())
    if (!(await date.inputValue())) await date.fill("2026-12-07");
  const groups = new Map<string, Locator[]>();
  for (const radio of await card.locator("input[type=radio]").all()) {
    const name = (await radio.getAttribute("name")) ?? "";
    groups.set(name, [...(groups.get(name) ?? []), radio]);
  }
  for (const radios of groups.values()) {
    const checked = await Promise.all(radios.map((r) => r.isChecked()));
    if (!checked.some(Boolean)) await radios[0]!.check();
  }
  const boxes = await card.locator("input[type=checkbox]").all();
  if (boxes.length > 0 && !(await Promise.all(boxes.map((b) => b.isChecked()))).some(Boolean)) await boxes[0]!.check();
}
