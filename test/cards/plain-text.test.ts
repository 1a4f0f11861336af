import { escapeShownText } from "../../src/cards/plain-text";

const card = () => ({
  type: "AdaptiveCard",
  body: [
    { type: "TextBlock", text: "Elev p1: [Logg inn](https://evil.example) *nå*" },
    { type: "TextBlock", text: "Ingenting å rømme her" },
    {
      type: "FactSet",
      facts: [
        { title: "Grunn", value: "# overskrift" },
        { title: "Dato", value: "07.12.2026" },
      ],
    },
    { type: "Input.Text", id: "note", value: "*ikke vist som tekst*" },
  ],
  actions: [{ type: "Action.Execute", verb: "case.refresh", data: { note: "[x](y)" } }],
});

describe("escapeShownText", () => {
  it("when a card shows markdown, then the shown texts and facts are escaped and inputs and data are left as typed", () => {
    const given = card();
    const escaped = escapeShownText(given) as ReturnType<typeof card>;
    expect(escaped.body[0]).toEqual({ type: "TextBlock", text: "Elev p1: \\[Logg inn\\](https://evil.example) \\*nå\\*" });
    expect(escaped.body[2]).toEqual({
      type: "FactSet",
      facts: [
        { title: "Grunn", value: "\\# overskrift" },
        { title: "Dato", value: "07.12.2026" },
      ],
    });
    expect(escaped.body[3]).toEqual(given.body[3]);
    expect(escaped.actions).toEqual(given.actions);
    // The card given is not changed: it may share objects with the view it was bound from.
    expect(given).toEqual(card());
  });

  it("when nothing needs escaping, then the very same objects come back (nothing is copied)", () => {
    const plain = { type: "AdaptiveCard", body: [{ type: "TextBlock", text: "Trinn 1" }] };
    expect(escapeShownText(plain)).toBe(plain);
    const given = card();
    const escaped = escapeShownText(given) as ReturnType<typeof card>;
    expect(escaped.body[1]).toBe(given.body[1]);
    expect(escaped.body[3]).toBe(given.body[3]);
    expect(escaped.actions).toBe(given.actions);
    expect((escaped.body[2] as { facts: unknown[] }).facts[1]).toBe((given.body[2] as { facts: unknown[] }).facts[1]);
  });
});
