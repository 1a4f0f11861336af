import { buildAbsenceView } from "../../src/bot/views/absence-view";
import { buildCaseView, type CaseViewInput } from "../../src/bot/views/case-view";
import { createCardRenderer } from "../../src/cards/render";
import type { Trip } from "../../src/domain/evaluation";
import { moldeNordbyen } from "../../src/domain/routines/molde-nordbyen/ladder";
import type { PupilStatus } from "../../src/domain/status";
import { mondayReport } from "../domain/templates/fixtures";

type Card = { type?: string; text?: string; body?: Card[]; items?: Card[]; actions?: Card[]; title?: string };

const level0 = moldeNordbyen.steps.find((s) => s.number === 0)!;
const ruleActions = (id: string): string[] => moldeNordbyen.rules.find((r) => r.id === id)!.actions ?? [];

function trip(overrides: Partial<Trip>): Trip {
  return {
    key: "udokumentert-fravaer@2026-12-07",
    ruleId: "udokumentert-fravaer",
    label: "Udokumentert fravær",
    step: 0,
    stepName: "Oppdage og utforske",
    date: "2026-12-07",
    holders: ["Kontaktlærer"],
    actions: [],
    deadline: "2026-12-07",
    deadlineLabel: null,
    overdue: false,
    source: "002",
    facts: {} as Trip["facts"],
    text: "Udokumentert fravær 07.12: hel dag.",
    ...overrides,
  } as Trip;
}

function input(overrides: Partial<CaseViewInput> = {}, status: Partial<PupilStatus> = {}): CaseViewInput {
  const trips = [
    trip({ key: "udokumentert-fravaer@2026-11-23", date: "2026-11-23", text: "Udokumentert fravær 23.11: hel dag." }),
    trip({}),
  ];
  return {
    access: "contact_teacher",
    pupil: { id: "p1", name: "Emma Fjellheim", schoolId: "s1", grade: 7, className: "7B", contactTeacherIds: ["t1"] },
    status: {
      pupilId: "p1",
      schoolId: "s1",
      ladder: "molde-nordbyen",
      asOf: "2026-12-07",
      step: 0,
      stepName: "Oppdage og utforske",
      trips,
      firedKeys: trips.map((t) => t.key),
      required: { actions: [...level0.actions], deadline: "2026-12-07", holders: ["Kontaktlærer"] },
      pattern: mondayReport({
        observations: [
          "Mandager er overrepresentert: 4 av 7 dager",
          "Mandager og fredager: 4 av 7 fraværsdager (jevnt fordelt ville gitt ca. 40 %)",
          "4 av 7 fraværsdager ligger inntil helg eller ferie (jevnt fordelt ville gitt ca. 45 %)",
        ],
      }),
      evaluatedAt: "2026-12-07T15:00:00Z",
      ...status,
    },
    ladder: moldeNordbyen,
    record: {
      pupilId: "p1",
      schoolId: "s1",
      version: 1,
      openedAt: "2026-11-23T15:00:00Z",
      nudgedStep: 0,
      dismissal: null,
      cards: {},
      updatedAt: "2026-12-07T15:00:00Z",
    },
    openDrafts: [],
    log: [],
    authorNames: {},
    language: "nb",
    today: "2026-12-07",
    tripKeys: trips.map((t) => t.key),
    remindChoices: [{ title: "I morgen, tirsdag kl. 08.00", value: "2026-12-08T07:00:00.000Z" }],
    ...overrides,
  };
}

const render = (view: object): Card => createCardRenderer().render("nudge", view) as Card;
const texts = (cards: Card[]): string[] => cards.filter((c) => c.type === "TextBlock").map((c) => c.text ?? "");

describe("bot/views/case-view: the nudge a teacher reads in ten seconds", () => {
  test("when a nudge is built for a trip of today, then its headline names the pupil and says what happened today", () => {
    const card = render(buildCaseView(input()));
    const [title, happened] = texts(card.body ?? []);
    expect(title).toBe("Fravær å følge opp: Emma Fjellheim, 7B");
    expect(happened).toBe("I dag: Udokumentert fravær 07.12: hel dag.");
    // The headline's trip is not said again under «Hvorfor».
    expect(JSON.stringify(card).match(/07\.12: hel dag/g)).toHaveLength(1);
  });

  test("when the case card shows a trip of an earlier day, then the headline says it is the latest, not today", () => {
    const view = buildCaseView(input({ today: "2026-12-09", tripKeys: undefined }));
    expect(view.happened).toBe("Sist: Udokumentert fravær 07.12: hel dag.");
  });

  test("when the high-absence and three-days rules trip as the pupil reaches level 0, then each action the routine asks appears once", () => {
    const actions = [
      ...ruleActions("dager-i-strekk"),
      ...ruleActions("varsel-hoyt-fravaer"),
      ...level0.actions,
      ...ruleActions("arsak-annet"),
    ];
    const view = buildCaseView(input({}, { required: { actions, deadline: "2026-12-07", holders: ["Kontaktlærer"] } }));
    expect(view.actions).toEqual([...level0.actions, ...ruleActions("arsak-annet")]);
    const card = JSON.stringify(render(view));
    expect(card).not.toContain("Send en melding via Visma eller ring hjem.");
    expect(card.match(/Ta kontakt med foresatte – samme dag\./g)).toHaveLength(1);
  });

  test("when only the three-days rule trips for a pupil already at level 0, then its action is what the card asks", () => {
    const actions = ruleActions("dager-i-strekk");
    const view = buildCaseView(input({}, { required: { actions, deadline: "2026-12-07", holders: ["Kontaktlærer"] } }));
    expect(view.actions).toEqual(["Send en melding via Visma eller ring hjem."]);
  });

  test("when the nudge is rendered, then its buttons come right after what the routine asks, before the pattern and the log", () => {
    const card = render(buildCaseView(input()));
    const body = card.body ?? [];
    const buttons = body.findIndex((c) => c.type === "ActionSet");
    const routineSays = body.findIndex((c) => c.text === "Dette sier rutinen");
    const pattern = body.findIndex((c) => c.type === "Container");
    expect(card.actions ?? []).toEqual([]);
    expect(routineSays).toBeGreaterThan(0);
    expect(buttons).toBe(routineSays + level0.actions.length + 1);
    expect(pattern).toBeGreaterThan(buttons);
    expect(body[buttons]!.actions!.map((a) => a.title)).toEqual([
      "Start telefonsamtale hjem",
      "Ikke bekymringsfullt",
      "Minn meg på det senere",
      "Vis fraværet",
      "Flere valg",
    ]);
  });

  test("when the nudge is rendered, then the pattern is the chart with two lines, and every other line is behind «Vis fraværet»", () => {
    const view = input();
    const card = render(buildCaseView(view));
    const pattern = (card.body ?? []).find((c) => c.type === "Container")!;
    const [heading, ...lines] = texts(pattern.items ?? []);
    expect(heading).toBe("Fraværsmønster siden 18.08");
    expect(lines).toEqual([
      "7 fraværsdager (2 udokumenterte): 3 enkeltdager, 2 sammenhengende perioder.",
      "Mandager er overrepresentert: 4 av 7 dager",
    ]);
    expect(JSON.stringify(card)).not.toMatch(/Forsentkomminger|Mandager og fredager|inntil helg|Timefravær per fag/);

    const absence = JSON.stringify(
      createCardRenderer().render(
        "absence",
        buildAbsenceView({ pupil: view.pupil, pattern: view.status.pattern, events: [], language: "nb" }),
      ),
    );
    for (const line of [
      "Forsentkomminger: 3",
      "Timefravær per fag: engelsk 5, matematikk 2",
      "Mandager og fredager: 4 av 7",
      "4 av 7 fraværsdager ligger inntil helg eller ferie",
    ])
      expect(absence).toContain(line);
  });
});
