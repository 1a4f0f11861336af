import type { AbsenceEvent } from "../../src/domain/absence";
import type { CaseContext } from "../../src/usecases/case-context";
import type { CaseDeps } from "../../src/usecases/deps";
import { absenceMessageDrafts } from "../../src/usecases/absence-of-case";

const event = (date: string, documented: boolean, reason?: AbsenceEvent["reason"]): AbsenceEvent => ({
  id: `e-${date}`,
  pupilId: "p1",
  schoolId: "s1",
  date,
  kind: "day",
  documented,
  ...(reason ? { reason } : {}),
});

function draftsFor(ladder: string, events: AbsenceEvent[], schoolName = "Nordbyen skole") {
  const deps = {
    absences: { listOfPupil: async () => events },
    roster: { getStaff: async () => ({ name: "Kari Nordmann" }) },
  } as unknown as Pick<CaseDeps, "absences" | "roster">;
  const ctx = {
    pupil: { id: "p1", name: "Ole Hansen", schoolId: "s1", grade: 6, className: "6A", contactTeacherIds: ["t1"] },
    school: { id: "s1", name: schoolName },
    status: { ladder },
    today: "2026-11-16",
  } as unknown as CaseContext;
  return absenceMessageDrafts(deps, ctx, "t1", "nb");
}

describe("the fraværsmelding's drafts follow 002 §2.3 and the ladder", () => {
  test("when every day is documented illness, then the short draft is example 1's, with «god bedring»", async () => {
    const [checkIn] = await draftsFor("molde-nordbyen", [
      event("2026-11-12", true, "illness"),
      event("2026-11-13", true, "illness"),
    ]);
    expect(checkIn?.text).toMatch(/gjelder sykdom/);
    expect(checkIn?.text).toMatch(/Fortsatt god bedring!/);
  });

  test("when a day is undocumented, then no draft names illness", async () => {
    const drafts = await draftsFor("molde-nordbyen", [
      event("2026-11-12", true, "illness"),
      event("2026-11-13", false),
    ]);
    for (const draft of drafts) expect(draft.text).not.toMatch(/sykdom|bedring/);
  });

  test("when the ladder names its attendance work, then example 2 speaks of it («Siden vi har Nærværsløftet …»)", async () => {
    const molde = await draftsFor("molde-nordbyen", [event("2026-11-13", false)]);
    expect(molde.find((d) => d.id === "early_intervention")?.text).toMatch(
      /^Hei! Siden vi har Nærværsløftet med fokus på tidlig innsats, tar jeg kontakt/,
    );
    const orland = await draftsFor("orland-skole", [event("2026-11-13", false)]);
    expect(orland.find((d) => d.id === "early_intervention")?.text).toMatch(/^Hei! Siden skolen har fokus på tidlig/);
  });

  test("when the pupil is in Ørland's kindergarten, then the drafts speak of the kindergarten, not the school", async () => {
    const drafts = await draftsFor("orland-barnehage", [event("2026-11-13", false)], "Brekstad barnehage");
    for (const draft of drafts) expect(draft.text).not.toMatch(/skole|kontaktlærer/i);
  });
});
