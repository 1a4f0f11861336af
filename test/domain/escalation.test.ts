import {
  deadlineReminder,
  heldByLeaders,
  leadRolesOfStep,
  overdueEscalations,
  stepEscalation,
  type OverdueInput,
} from "../../src/domain/escalation";
import { presets, type PresetId } from "../../src/domain/ladders";

const stepOf = (ladder: PresetId, number: number) => presets[ladder].steps.find((s) => s.number === number);

const waiting: OverdueInput = {
  today: "2026-11-17",
  step: stepOf("molde-nordbyen", 0),
  deadline: "2026-11-16",
  newestTripKey: "undocumented-absence:2026-11-16",
  followedUp: null,
  nudgedOn: "2026-11-16",
  measures: [],
};

describe("when the routine brings the school's leaders into a case", () => {
  test("when a pupil reaches a step the routine gives the tiltaksleder (Ørland Trinn 1), then the tiltaksleder is told, once per step", () => {
    expect(stepEscalation(stepOf("orland-skole", 1))).toEqual({
      kind: "step",
      key: "escalation:step:1",
      step: 1,
      roles: ["coordinator"],
    });
    expect(leadRolesOfStep(stepOf("orland-skole", 2))).toEqual(["team_lead", "coordinator"]);
  });

  test("when a step is the contact teacher's alone (Molde nivå 0, Ørland trinn 0), then no leader is told", () => {
    expect(stepEscalation(stepOf("molde-nordbyen", 0))).toBeNull();
    expect(stepEscalation(stepOf("orland-skole", 0))).toBeNull();
    expect(stepEscalation(undefined)).toBeNull();
  });

  test("when the leadership alone holds the step (Ørland Trinn 3, Molde nivå 3, Tynset 3), then it is held by leaders; a step shared with the contact teacher is not", () => {
    expect(heldByLeaders(stepOf("orland-skole", 3))).toBe(true);
    expect(heldByLeaders(stepOf("molde-nordbyen", 3))).toBe(true);
    expect(heldByLeaders(stepOf("tynset-nord-osterdal", 3))).toBe(true);
    expect(heldByLeaders(stepOf("orland-skole", 1))).toBe(false);
    expect(heldByLeaders(stepOf("lillestrom", 2))).toBe(false);
    expect(heldByLeaders(undefined)).toBe(false);
  });

  test("when Molde's nivå 2 says «Meld til ledelse» and Lillestrøm's trinn 2 «Varsle rektor», then the rektor is told", () => {
    expect(stepEscalation(stepOf("molde-nordbyen", 2))?.roles).toEqual(["principal"]);
    expect(stepEscalation(stepOf("lillestrom", 2))?.roles).toEqual(["principal"]);
    expect(stepEscalation(stepOf("lillestrom", 1))).toBeNull();
  });

  test("when the deadline ran out yesterday with nothing documented, then the tiltaksleder is told, keyed by the newest trip", () => {
    expect(overdueEscalations(waiting)).toEqual([
      {
        kind: "deadline",
        key: "escalation:deadline:undocumented-absence:2026-11-16",
        deadline: "2026-11-16",
        roles: ["coordinator"],
      },
    ]);
  });

  test("when the deadline is today, or a follow-up is documented, then nothing is told", () => {
    expect(overdueEscalations({ ...waiting, today: "2026-11-16" })).toEqual([]);
    expect(overdueEscalations({ ...waiting, followedUp: "2026-11-16" })).toEqual([]);
  });

  test("when an old trip was found late and the teacher heard of it today, then it is not escalated before tomorrow", () => {
    expect(overdueEscalations({ ...waiting, deadline: "2026-10-01", nudgedOn: "2026-11-17" })).toEqual([]);
    expect(overdueEscalations({ ...waiting, deadline: "2026-10-01", nudgedOn: "2026-11-16" })).toHaveLength(1);
  });

  test("when nobody was ever told of the trip, then no deadline runs out for anyone", () => {
    expect(overdueEscalations({ ...waiting, nudgedOn: null })).toEqual([]);
  });

  test("when the step names a leader, then a missed deadline goes to that leader rather than the tiltaksleder", () => {
    expect(overdueEscalations({ ...waiting, step: stepOf("molde-nordbyen", 2) })[0]?.roles).toEqual(["principal"]);
  });

  test("when measures were due for evaluation on a day that has passed and are still active, then they are told together per conversation", () => {
    const measures = [
      { draftId: "d2", measure: "Fast oppstart", evaluationDate: "2026-11-13", status: "active" as const },
      { draftId: "d1", measure: "Hentes av foresatte", evaluationDate: "2026-11-12", status: "active" as const },
      {
        draftId: "d1",
        measure: "Samtale med helsesykepleier",
        evaluationDate: "2026-11-12",
        status: "active" as const,
      },
      { draftId: "d1", measure: "Already evaluated", evaluationDate: "2026-11-12", status: "evaluated" as const },
      { draftId: "d3", measure: "Due today", evaluationDate: "2026-11-17", status: "active" as const },
    ];
    const due = overdueEscalations({ ...waiting, followedUp: "2026-11-16", measures });
    expect(due).toEqual([
      {
        kind: "evaluation",
        key: "escalation:evaluation:d1:2026-11-12",
        draftId: "d1",
        evaluationDate: "2026-11-12",
        measures: ["Hentes av foresatte", "Samtale med helsesykepleier"],
        roles: ["coordinator"],
      },
      {
        kind: "evaluation",
        key: "escalation:evaluation:d2:2026-11-13",
        draftId: "d2",
        evaluationDate: "2026-11-13",
        measures: ["Fast oppstart"],
        roles: ["coordinator"],
      },
    ]);
  });

  test("when the pupil is not on the ladder, then nothing is told", () => {
    expect(overdueEscalations({ ...waiting, step: undefined })).toEqual([]);
  });
});

describe("when a deadline comes that was set days ago", () => {
  const weekAgo: OverdueInput = { ...waiting, today: "2026-11-23", deadline: "2026-11-23", nudgedOn: "2026-11-16" };

  test("when the deadline is today and nothing is documented, then the teacher is reminded, naming who hears of it next", () => {
    expect(deadlineReminder(weekAgo)).toEqual({
      key: "reminder:deadline:undocumented-absence:2026-11-16",
      roles: ["coordinator"],
    });
    expect(deadlineReminder({ ...weekAgo, step: stepOf("molde-nordbyen", 2) })?.roles).toEqual(["principal"]);
  });

  test("when the deadline was the nudge's own day, is not today, or a follow-up is documented, then there is no reminder", () => {
    expect(deadlineReminder({ ...weekAgo, nudgedOn: "2026-11-23" })).toBeNull();
    expect(deadlineReminder({ ...weekAgo, today: "2026-11-20" })).toBeNull();
    expect(deadlineReminder({ ...weekAgo, today: "2026-11-24" })).toBeNull();
    expect(deadlineReminder({ ...weekAgo, followedUp: "2026-11-18" })).toBeNull();
    expect(deadlineReminder({ ...weekAgo, nudgedOn: null })).toBeNull();
  });
});
