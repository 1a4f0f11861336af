import { botRoutes, isCaseThread, placeOf, routeAllowedIn } from "../../src/bot/routes";

const conversation = (conversationType?: string) => ({ conversation: { conversationType } as never });

describe("where each route may run", () => {
  test("when a turn comes from a group chat or a channel, then it is a shared place; a 1:1 chat is personal", () => {
    expect(placeOf(conversation("personal"))).toBe("personal");
    expect(placeOf(conversation(undefined))).toBe("personal");
    expect(placeOf(conversation("groupChat"))).toBe("shared");
    expect(placeOf(conversation("channel"))).toBe("shared");
    expect(isCaseThread(conversation("channel"))).toBe(false);
  });

  test("when a route is personal, then it runs only in the 1:1 chat; «anywhere» runs in every place", () => {
    expect(routeAllowedIn("personal", "personal")).toBe(true);
    expect(routeAllowedIn("personal", "shared")).toBe(false);
    expect(routeAllowedIn("personal", "caseThread")).toBe(false);
    expect(routeAllowedIn("caseThread", "caseThread")).toBe(true);
    expect(routeAllowedIn("caseThread", "shared")).toBe(false);
    expect(routeAllowedIn("anywhere", "shared")).toBe(true);
  });

  test("when a route is a card action or a command other than help and language, then it is not allowed in shared conversations", () => {
    const open = botRoutes.filter((r) => r.where === "anywhere");
    for (const route of open) expect(route.on).not.toBe("cardAction");
    const commands = open.filter((r) => r.on === "message").map((r) => (r.on === "message" ? r.text.source : ""));
    expect(commands).toHaveLength(2);
    expect(commands.join(" ")).toMatch(/hjelp/);
    expect(commands.join(" ")).toMatch(/språk/);
  });
});
