import { createCaseCards } from "../../src/bot/case-cards";
import { createOutboxWriter } from "../../src/bot/outbox-writer";
import type { BotDeps } from "../../src/bot/deps";
import { createCardRenderer } from "../../src/cards/render";
import type { Language } from "../../src/i18n/catalog";
import { createLogger } from "../../src/logger";
import { createStore, type Store } from "../../src/store/create-store";
import { createOutboxRepo, type OutboxItem, type OutboxRepo } from "../../src/store/outbox-repo";

let store: Store;
let outbox: OutboxRepo;
beforeAll(async () => {
  store = await createStore({ databaseName: "naervaer-case-cards", logger: createLogger("silent") });
  outbox = createOutboxRepo(store);
});
afterAll(async () => store.close());

function portWith(chosen?: Language) {
  const deps = {
    cards: createCardRenderer(),
    clock: { now: () => new Date("2026-11-18T08:00:00Z") },
    conversations: { getLanguagePreference: async () => chosen, getPersonal: async () => undefined },
    roster: { getStaff: async () => undefined },
  } as unknown as Pick<BotDeps, "cards" | "clock" | "ladders" | "conversations" | "roster">;
  return createCaseCards({ ...deps, writer: createOutboxWriter({ outbox, clock: deps.clock }) });
}

const cardText = (activity: Record<string, unknown>): string =>
  JSON.stringify((activity.attachments as { content?: unknown }[] | undefined)?.[0]?.content ?? {});
const queuedFor = async (recipient: string) =>
  (
    await store
      .container("outbox")
      .items.query<OutboxItem>({
        query: "SELECT * FROM c WHERE c.type = 'item' AND c.state = 'pending' AND c.recipient = @r ORDER BY c.seq",
        parameters: [{ name: "@r", value: recipient }],
      })
      .fetchAll()
  ).resources;

describe("bot/case-cards: the use cases' port to Teams", () => {
  test("when a service taken off a case chose nynorsk, then the card is queued in nynorsk for them", async () => {
    const port = portWith("nn");
    expect(await port.send("u1", { kind: "sharingEnded", pupil: { name: "Ola N.", className: "7A" } })).toBe(true);
    const items = await queuedFor("u1");
    expect(items).toHaveLength(1);
    expect(items[0]!.state).toBe("pending");
    expect(cardText(items[0]!.activity)).toContain("Samtykket for Ola N., 7A dekkjer ikkje lenger tenesta di");
  });

  test("when the same decision is sent to the same person twice, then it is queued once", async () => {
    const port = portWith();
    const message = { kind: "sharingEnded", pupil: { name: "Ola N.", className: "7A" } } as const;
    expect(await port.send("u2", message, { key: "decision-1" })).toBe(true);
    expect(await port.send("u2", message, { key: "decision-1" })).toBe(false);
    expect(await port.send("u2", message, { key: "decision-2" })).toBe(true);
    expect(await queuedFor("u2")).toHaveLength(2);
  });
});
