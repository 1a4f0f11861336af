import { buildCaseListView, maxCaseRows, type CaseListEntry } from "../../src/bot/views/case-list-view";
import { followedUpOn } from "../../src/domain/follow-up";
import type { Pupil } from "../../src/domain/roster";

const pupil = (id: string, name: string, className = "6A"): Pupil => ({
  id,
  name,
  schoolId: "s1",
  grade: 6,
  className,
  contactTeacherIds: ["t1"],
});
const entry = (
  p: Pupil,
  step: number | null,
  deadline: string | null,
  ladder = "orland-skole",
  followedUp: string | null = null,
): CaseListEntry => ({
  pupil: p,
  status: {
    pupilId: p.id,
    schoolId: "s1",
    ladder,
    step,
    stepName: step === null ? null : `Steg ${step}`,
    required: deadline ? { actions: [], deadline, holders: [] } : null,
    trips: [],
  },
  followedUp,
});
const today = "2026-11-18";

describe("the «Saker» list", () => {
  test("when pupils are on the ladder, then passed deadlines come first, then the nearest, and pupils not on the ladder are left out", () => {
    const view = buildCaseListView({
      entries: [
        entry(pupil("a", "Ada"), 0, "2026-11-20"),
        entry(pupil("b", "Bo"), null, null),
        entry(pupil("c", "Cato"), 1, "2026-11-16"),
        entry(pupil("d", "Dina"), 2, today),
      ],
      leads: false,
      language: "nb",
      today,
    });
    const rows = view.rows as {
      pupil: string;
      step: string;
      deadline: string;
      deadlineColor: string;
      data: { pupilId: string };
    }[];
    expect(rows.map((r) => r.data.pupilId)).toEqual(["c", "d", "a"]);
    expect(rows[0]).toMatchObject({
      pupil: "Cato, 6A",
      step: "Trinn 1: Steg 1",
      deadline: "Fristen var mandag 16.11",
      deadlineColor: "Attention",
    });
    expect(rows[1]?.deadline).toBe("Frist: innen i dag");
    expect(view.intro).toMatch(/^3 av elevene dine/);
  });

  test("when a case was followed up after its newest trip, then it goes after the waiting ones and says so instead of a passed deadline", () => {
    const view = buildCaseListView({
      entries: [
        entry(pupil("a", "Ada"), 1, "2026-11-10", "orland-skole", "2026-11-12"),
        entry(pupil("b", "Bo"), 0, "2026-11-25"),
      ],
      leads: false,
      language: "nb",
      today,
    });
    const rows = view.rows as { deadline: string; deadlineColor: string; data: { pupilId: string } }[];
    expect(rows.map((r) => r.data.pupilId)).toEqual(["b", "a"]);
    expect(rows[1]).toMatchObject({ deadline: "Fulgt opp torsdag 12.11", deadlineColor: "Default" });
  });

  test("when the routine counts levels (Molde), then the row says «Nivå»; in English the words are English", () => {
    const view = buildCaseListView({
      entries: [entry(pupil("a", "Ada"), 0, null, "molde-nordbyen")],
      leads: true,
      language: "en",
      today,
    });
    expect((view.rows as { step: string }[])[0]?.step).toMatch(/^Level 0/);
    expect(view.intro).toMatch(/pupils at the school/);
  });

  test("when more pupils are on the ladder than a card holds, then the most urgent are shown and the rest are counted", () => {
    const many = Array.from({ length: maxCaseRows + 3 }, (_, i) =>
      entry(pupil(`p${i}`, `Elev ${i}`), 0, `2026-12-${String(1 + (i % 28)).padStart(2, "0")}`),
    );
    const view = buildCaseListView({ entries: many, leads: true, language: "nb", today });
    expect(view.rows).toHaveLength(maxCaseRows);
    expect(view.more).toEqual(["… og 3 til, med senere frister."]);
  });

  test("when nobody is on the ladder, then the card says so instead of showing an empty list", () => {
    const view = buildCaseListView({
      entries: [entry(pupil("a", "Ada"), null, null)],
      leads: false,
      language: "nn",
      today,
    });
    expect(view.rows).toEqual([]);
    expect(view.intro).toMatch(/Ingen av elevane dine/);
  });
});

describe("followed up or still waiting", () => {
  const trips = [{ date: "2026-11-02" }, { date: "2026-11-16" }];
  test("when a conversation is documented on or after the newest trip, then the case counts as followed up that day", () => {
    expect(followedUpOn(trips, [{ templateId: "phone_call", contactDate: "2026-11-16" }])).toBe("2026-11-16");
  });
  test("when the only documentation is older than the newest trip, or is the reported concern itself, then the case still waits", () => {
    expect(
      followedUpOn(trips, [
        { templateId: "phone_call", contactDate: "2026-11-05" },
        { templateId: "concern", contactDate: "2026-11-17" },
      ]),
    ).toBeNull();
    expect(followedUpOn([], [{ templateId: "phone_call", contactDate: "2026-11-05" }])).toBeNull();
  });
});
