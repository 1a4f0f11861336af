import type { Activity } from "botbuilder";
import { createCaseCards } from "../../src/bot/case-cards";
import type { BotDeps } from "../../src/bot/deps";
import { createCardRenderer } from "../../src/cards/render";
import type { Language } from "../../src/i18n/catalog";

const landed = { conversationId: "c1", activityId: "a1", serviceUrl: "https://example.test" };

function portWith(options: { chosen?: Language; reachable: boolean }) {
  const sent: Partial<Activity>[] = [];
  const deps = {
    cards: createCardRenderer(),
    clock: { now: () => new Date("2026-11-18T08:00:00Z") },
    notifier: {
      sendToUser: async (_id: string, activity: Partial<Activity>) => {
        sent.push(activity);
        return options.reachable ? landed : undefined;
      },
      update: async () => undefined,
    },
    conversations: {
      getLanguagePreference: async () => options.chosen,
      getPersonal: async () => undefined,
    },
    roster: { getStaff: async () => undefined },
  } as unknown as Pick<BotDeps, "cards" | "clock" | "ladders" | "notifier" | "conversations" | "roster">;
  return { port: createCaseCards(deps), sent };
}

const cardText = (activity: Partial<Activity>): string => JSON.stringify(activity.attachments?.[0]?.content ?? {});

describe("bot/case-cards: the use cases' port to Teams", () => {
  test("when a service taken off a case chose nynorsk, then the card says so in nynorsk and send gives where it landed", async () => {
    const { port, sent } = portWith({ chosen: "nn", reachable: true });
    const where = await port.send("u1", { kind: "sharingEnded", pupil: { name: "Ola N.", className: "7A" } });
    expect(where).toEqual(landed);
    expect(sent).toHaveLength(1);
    expect(cardText(sent[0]!)).toContain("Samtykket for Ola N., 7A dekkjer ikkje lenger tenesta di");
  });

  test("when the person cannot be reached, then send gives undefined", async () => {
    const { port } = portWith({ reachable: false });
    const where = await port.send("u1", { kind: "sharingEnded", pupil: { name: "Ola N.", className: "7A" } });
    expect(where).toBeUndefined();
  });
});
