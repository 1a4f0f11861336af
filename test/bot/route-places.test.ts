import { botRoutes, isCaseThread, placeOf, routeAllowedIn } from "../../src/bot/routes";

const conversation = (conversationType?: string) => ({ conversation: { conversationType } as never });

describe("where each route may run", () => {
  test("when a turn comes from a group chat, then it is a shared place; a channel is where case threads live; a 1:1 chat is personal", () => {
    expect(placeOf(conversation("personal"))).toBe("personal");
    expect(placeOf(conversation(undefined))).toBe("personal");
    expect(placeOf(conversation("groupChat"))).toBe("shared");
    expect(isCaseThread(conversation("groupChat"))).toBe(false);
    expect(placeOf(conversation("channel"))).toBe("caseThread");
  });

  test("when a route may run in a case thread, then it is only the thread card's refresh, which checks access itself", () => {
    expect(
      botRoutes.filter((r) => r.where === "caseThread").map((r) => (r.on === "cardAction" ? r.verb : r.on)),
    ).toEqual(["thread.refresh"]);
  });

  test("when a route is personal, then it runs only in the 1:1 chat; «anywhere» runs in every place", () => {
    expect(routeAllowedIn("personal", "personal")).toBe(true);
    expect(routeAllowedIn("personal", "shared")).toBe(false);
    expect(routeAllowedIn("personal", "caseThread")).toBe(false);
    expect(routeAllowedIn("caseThread", "caseThread")).toBe(true);
    expect(routeAllowedIn("caseThread", "shared")).toBe(false);
    expect(routeAllowedIn("anywhere", "shared")).toBe(true);
  });

  test("when a route is a card action or a command other than help, language and linking the school's channel, then it is not allowed in shared conversations", () => {
    const open = botRoutes.filter((r) => r.where === "anywhere");
    for (const route of open) expect(route.on).not.toBe("cardAction");
    const commands = open.filter((r) => r.on === "message").map((r) => (r.on === "message" ? r.text.source : ""));
    expect(commands).toHaveLength(4);
    expect(commands.join(" ")).toMatch(/hjelp/);
    expect(commands.join(" ")).toMatch(/språk/);
    expect(commands.join(" ")).toMatch(/koble til skolen/);
    expect(commands.join(" ")).toMatch(/koble fra skolen/);
  });
});
