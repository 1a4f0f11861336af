import { existsSync, mkdirSync, writeFileSync } from "node:fs";
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
    // The server's log beside the screenshots, for a run that failed in CI.
    if (server) writeFileSync(path.join(artifacts, "server-output.log"), server.output());
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
    // The teacher scrolls to the card's headline: its buttons must be on that same screen.
    await nudge.evaluate((card) => card.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(artifacts, "playground-nudge.png") });
    await expectOnFirstScreen(page, nudge);
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
    await page.screenshot({ path: path.join(artifacts, "playground-log-entry.png") });
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

  test("when the teacher goes back a step, then what was ticked is still ticked, and a telefonsamtale at nivå 1 leads to a nærværsmøte whose steps are short", async () => {
    const nudge = page.locator(".ac-adaptiveCard", { hasText: "Fravær å følge opp: Noah Strandvik, 7B" }).first();
    await nudge.waitFor({ timeout: 20_000 });
    await nudge.evaluate((card) => card.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(artifacts, "playground-nudge-noah.png") });
    await expectOnFirstScreen(page, nudge);
    // Three rules of the routine ask for contact with home: the card says it once, in the step's words.
    expect((await nudge.innerText()).match(/Ta kontakt med foresatte|ring hjem|til foreldre/g)).toHaveLength(1);

    await nudge.getByRole("button", { name: "Start telefonsamtale hjem" }).click();
    let wentBack = false;
    const heights = await walkTemplate(page, "Telefonsamtale hjem", "noah-telefonsamtale", async (card, step) => {
      const area = card.getByRole("checkbox", { name: "Noe på skolen" });
      if (!wentBack && (await area.count())) {
        wentBack = true;
        await area.check();
        await card.getByRole("button", { name: "Tilbake" }).click();
        const back = page.locator(".ac-adaptiveCard", { hasText: `steg ${step - 1} av` }).last();
        await back.waitFor({ timeout: 20_000 });
        await back.getByRole("button", { name: "Neste" }).click();
        const again = page.locator(".ac-adaptiveCard", { hasText: `steg ${step} av` }).last();
        await again.waitFor({ timeout: 20_000 });
        expect(await again.getByRole("checkbox", { name: "Noe på skolen" }).isChecked()).toBe(true);
        return again;
      }
      if (await card.getByRole("radio", { name: "Nivå 1" }).count())
        await card.getByRole("radio", { name: "Nivå 1" }).check();
      return card;
    });
    expect(wentBack).toBe(true);
    expect(Math.max(...heights)).toBeLessThan(1500);
    const call = page
      .locator(".ac-adaptiveCard", { hasText: "Dokumentert: Telefonsamtale hjem" })
      .filter({ hasText: "Noah Strandvik, 7B" });
    await call.waitFor({ timeout: 20_000 });
    expect(await call.innerText()).toMatch(/Noah Strandvik, 7B/);

    await call.getByRole("button", { name: "Tilbake til saken" }).click();
    const onLevel1 = page.locator(".ac-adaptiveCard", { hasText: "Fravær å følge opp: Noah Strandvik, 7B" }).last();
    await onLevel1.getByRole("button", { name: "Start nærværsmøte" }).waitFor({ timeout: 20_000 });
    expect(await onLevel1.innerText()).toMatch(/Nivå 1/);
    await onLevel1.getByRole("button", { name: "Start nærværsmøte" }).click();
    const meetingHeights = await walkTemplate(page, "Nærværsmøte", "naervaersmote", async (card) => {
      // One measure is agreed, with who is responsible; the other rows stay empty.
      if (await card.getByLabel("Ansvarlig").count()) {
        await card.locator('input[role="combobox"][placeholder="Velg område"]').first().click();
        await page.getByRole("option").first().click();
        await card.getByLabel("Tiltak", { exact: true }).first().fill("Fast oppmøtetid med kontaktlærer");
        await card.getByLabel("Ansvarlig").first().fill("Kontaktlærer");
      }
      return card;
    });
    // The four-area steps had 17 checkboxes one under the other.
    expect(Math.max(...meetingHeights)).toBeLessThan(1500);
    const meeting = page
      .locator(".ac-adaptiveCard", { hasText: "Dokumentert: Nærværsmøte" })
      .filter({ hasText: "Noah Strandvik, 7B" });
    await meeting.waitFor({ timeout: 20_000 });
    await meeting.evaluate((card) => card.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(artifacts, "playground-meeting-log-entry.png") });
    expect(await meeting.innerText()).toMatch(/Noah Strandvik, 7B/);
  }, 300_000);

  test("when the team's «Ressursteam» channel is opened, then the demo case's thread shows the case by reference and school, with the nurse @mentioned and no pupil name", async () => {
    await page.getByText("Ressursteam", { exact: true }).first().click();
    const root = page
      .locator(".ac-adaptiveCard", { hasText: "Nordbyen skole" })
      .filter({ hasText: /Sak \d+-/ })
      .first();
    await root.waitFor({ timeout: 30_000 });
    await root.evaluate((card) => card.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: path.join(artifacts, "playground-case-thread.png") });
    const text = await root.innerText();
    expect(text).toMatch(/Adele Vance/);
    expect(text).not.toMatch(/Emma|Fjellheim|7B/);
  }, 90_000);
});

/** The card's headline and every button of its first ActionSet lie within the window, with the card scrolled to its top. */
async function expectOnFirstScreen(page: Page, card: Locator): Promise<void> {
  const viewport = page.viewportSize()!;
  const compose = await page.locator('[role="textbox"][data-lexical-editor="true"]').boundingBox();
  const bottom = Math.min(viewport.height, compose?.y ?? viewport.height);
  const top = (await card.boundingBox())!;
  expect(top.y).toBeGreaterThanOrEqual(0);
  const buttons = await card.locator(".ac-actionSet").first().locator("button").all();
  expect(buttons.length).toBeGreaterThanOrEqual(4);
  for (const button of buttons) {
    const box = (await button.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(top.y);
    expect(box.y + box.height).toBeLessThanOrEqual(bottom);
  }
}

/**
 * Walks a template to its log entry as a teacher would; `each` may act on a step's card before «Neste» and gives
 * the card to go on from. Returns each step's height in pixels.
 */
async function walkTemplate(
  page: Page,
  title: string,
  slug: string,
  each: (card: Locator, step: number) => Promise<Locator>,
): Promise<number[]> {
  const heights: number[] = [];
  for (let step = 1; ; step++) {
    const shown = page.locator(".ac-adaptiveCard", { hasText: new RegExp(`${title} – steg ${step} av \\d+`) }).last();
    await shown.waitFor({ timeout: 20_000 }).catch(async (error: unknown) => {
      await page.screenshot({ path: path.join(artifacts, `playground-${slug}-stuck.png`) });
      throw error;
    });
    const of = Number(/steg \d+ av (\d+)/.exec(await shown.innerText())![1]);
    await answerRequiredInputs(shown);
    const card = await each(shown, step);
    heights.push((await card.boundingBox())!.height);
    if (step === 1 || step === of) {
      await card.evaluate((c) => c.scrollIntoView({ block: "start" }));
      await page.screenshot({ path: path.join(artifacts, `playground-${slug}-step${step}.png`) });
    }
    if (step === of) {
      await card.getByRole("button", { name: "Fullfør og dokumenter" }).click();
      return heights;
    }
    await card.getByRole("button", { name: "Neste" }).click();
  }
}

/**
 * Answers what the card asks, as a teacher would: keeps pre-filled text, writes a short note in each empty field,
 * picks the first option. The server checks what is required (the inputs carry no isRequired, so «Tilbake» works).
 */
async function answerRequiredInputs(card: Locator): Promise<void> {
  for (const area of await card.locator("textarea").all())
    if (!(await area.inputValue())) await area.fill("Avklart i samtalen med foresatte");
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
