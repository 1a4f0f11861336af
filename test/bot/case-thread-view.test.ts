import { createCardRenderer } from "../../src/cards/render";
import { linkChannelText } from "../../src/bot/handlers/case-thread";
import {
  buildAnonymousView,
  buildThreadBaseView,
  caseReferenceOf,
  renderThreadCard,
} from "../../src/bot/views/case-thread-view";

const cards = createCardRenderer();
const pupil = { id: "p-7c-01", grade: 7 };
const input = {
  schoolName: "Fjordvik skole",
  pupil,
  status: { ladder: "orland-skole", step: 2 },
  language: "nb" as const,
};

describe("the cards of a case thread", () => {
  test("when a case gets its reference, then it is grade and a code, the same every time, different per pupil", () => {
    expect(caseReferenceOf(pupil)).toMatch(/^7-[0-9A-Z]{1,4}$/);
    expect(caseReferenceOf(pupil)).toBe(caseReferenceOf({ ...pupil }));
    expect(caseReferenceOf({ id: "another", grade: 7 })).not.toBe(caseReferenceOf(pupil));
  });

  test("when the root card mentions someone, then the text and the entity carry the same <at> tag and their Entra id", () => {
    const card = renderThreadCard(cards, buildThreadBaseView(input, ["t1", "n1"]), {
      mentions: [{ aadObjectId: "n1", name: "Hanne *Helse*" }],
      mentionLine: "{names}: du er koblet på.",
      refresh: true,
    }) as any;
    const tag = card.msteams.entities[0].text;
    expect(tag).toBe("<at>Hanne \\*Helse\\*</at>");
    expect(card.msteams.entities[0].mentioned).toEqual({ id: "n1", name: "Hanne *Helse*" });
    expect(card.body.at(-1).text).toBe(`${tag}: du er koblet på.`);
    expect(card.refresh).toEqual({
      action: { type: "Action.Execute", title: "Vis detaljer", verb: "thread.refresh", data: { pupilId: pupil.id } },
      userIds: ["t1", "n1"],
    });
  });

  test("when a reply is rendered, then it has no refresh", () => {
    expect(renderThreadCard(cards, buildThreadBaseView(input, ["t1"])).refresh).toBeUndefined();
  });

  test("when the pattern is summarised for an anonymous discussion, then only counts, weekdays and trend are shown", () => {
    const view = buildAnonymousView(
      "Fjordvik skole",
      {
        grade: 7,
        absenceDays: 6,
        undocumentedDays: 2,
        weekdays: [0, 4],
        nextToBreaks: true,
        late: 1,
        lessons: 0,
        trend: "rising",
      },
      "Kari",
      "nb",
    );
    expect(view.title).toBe("Anonym drøfting: elev på 7. trinn");
    expect(view.lines).toEqual([
      "Uten samtykke drøftes saken anonymt: ingen navn, klasse eller datoer. Kari ønsker råd.",
      "6 fraværsdager i år (2 udokumenterte)",
      "Mest fravær på: Man, Fre",
      "Fraværet ligger ofte inntil helger og ferier",
      "1 forsinkelse",
      "Fraværet øker",
    ]);
  });

  test("when a leader links a channel in bokmål, nynorsk or English, then the command is recognised with an optional school name", () => {
    expect("koble til skolen".match(linkChannelText)?.[1]).toBe("");
    expect("  Kople til skulen Fjordvik skule".match(linkChannelText)?.[1]).toBe("Fjordvik skule");
    expect("link to school".match(linkChannelText)).not.toBeNull();
    expect("koble fra skolen".match(linkChannelText)).toBeNull();
  });
});
