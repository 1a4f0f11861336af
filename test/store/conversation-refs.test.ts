import type { Container } from "@azure/cosmos";
import { createLogger } from "../../src/logger";
import { createConversationRefs } from "../../src/store/conversation-refs";
import { createStore, type Store } from "../../src/store/create-store";

const teacher = "33333333-0000-4000-8000-000000000001";

describe("a teacher's language choice and 1:1 chat, as a run of many cards reads them", () => {
  let store: Store;
  let reads = 0;
  let counted: Store;

  beforeAll(async () => {
    store = await createStore({ databaseName: "naervaer-conversation-refs", logger: createLogger("silent") });
    // Every point read of the conversations container is counted where it leaves the service.
    counted = {
      ...store,
      container: (name) => {
        const container = store.container(name);
        return new Proxy(container, {
          get(target, prop) {
            if (prop === "item")
              return (id: string, pk: string) => {
                const item = target.item(id, pk);
                return new Proxy(item, {
                  get(i, p) {
                    const value = Reflect.get(i, p, i) as unknown;
                    if (p === "read") reads++;
                    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(i) : value;
                  },
                });
              };
            const value = Reflect.get(target, prop, target) as unknown;
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        }) as Container;
      },
    };
  });
  afterAll(async () => store.close());

  test("when the bot writes a teacher twenty cards at once, then their language choice and chat are read once, and a new choice counts at once", async () => {
    const refs = createConversationRefs(counted);
    const other = createConversationRefs(store);
    await other.setLanguagePreference(teacher, "nn", new Date("2026-11-16T08:00:00Z"));
    reads = 0;
    const languages = await Promise.all(Array.from({ length: 20 }, () => refs.getLanguagePreference(teacher)));
    for (let i = 0; i < 20; i++) await refs.getPersonal(teacher);
    expect(new Set(languages)).toEqual(new Set(["nn"]));
    expect(reads).toBe(2);
    const afterFirst = reads;
    await refs.getLanguagePreference(teacher);
    expect(reads).toBe(afterFirst);

    await refs.setLanguagePreference(teacher, "en", new Date("2026-11-16T08:01:00Z"));
    expect(await refs.getLanguagePreference(teacher)).toBe("en");
  });

  test("when another instance changed the choice, then this one sees it once its memory of the read has run out", async () => {
    const refs = createConversationRefs(store, { rememberMs: 50 });
    const other = createConversationRefs(store);
    await other.setLanguagePreference(teacher, "nb", new Date("2026-11-16T09:00:00Z"));
    expect(await refs.getLanguagePreference(teacher)).toBe("nb");
    await other.setLanguagePreference(teacher, "nn", new Date("2026-11-16T09:01:00Z"));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await refs.getLanguagePreference(teacher)).toBe("nn");
  });
});
