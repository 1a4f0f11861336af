import { newCase, type CaseRecord, type LogEntry } from "../../src/domain/case";
import type { CaseDeps } from "../../src/usecases/deps";
import { reminderChoices, remindLater } from "../../src/usecases/dismiss-and-remind";
import { sendDueReminders } from "../../src/usecases/reminders";
import type { Reminder } from "../../src/store/reminder-repo";
import { school2025 } from "../domain/helpers";

const pupil = { id: "p1", name: "Mia", schoolId: school2025.id, grade: 6, className: "6A", contactTeacherIds: ["t1"] };
const setAt = "2025-11-17T09:00:00.000Z";
const reminder: Reminder = {
  id: "reminder:t1:2025-11-18T07:00:00.000Z",
  pupilId: "p1",
  aadObjectId: "t1",
  dueAt: "2025-11-18T07:00:00.000Z",
  status: "pending",
  setAt,
};
const entry = (templateId: LogEntry["templateId"], writtenAt: string): LogEntry => ({
  id: `log:${templateId}:${writtenAt}`,
  pupilId: "p1",
  kind: "absence_log",
  templateId,
  step: 0,
  author: "t1",
  writtenAt,
  contactDate: writtenAt.slice(0, 10),
  reasonForContact: "",
  guardiansViewOfCause: [],
  furtherMeasures: "",
  nextContactDate: null,
  summary: "",
  measures: [],
});

function depsWith(record: Partial<CaseRecord>, log: LogEntry[]) {
  const status = { pupilId: "p1", ladder: "orland-skole", step: 0, trips: [] };
  const caseRecord = { ...newCase(pupil, "2025-11-10T08:00:00.000Z"), ...record };
  const sent: unknown[] = [];
  const logged: Record<string, unknown>[] = [];
  const deps = {
    clock: { now: () => new Date("2025-11-18T07:01:00.000Z") },
    logger: { info: (x: Record<string, unknown>) => logged.push(x), warn: () => undefined, error: () => undefined },
    roster: {
      getPupil: async () => pupil,
      getSchool: async () => school2025,
      getStaff: async () => undefined,
    },
    statuses: { get: async () => ({ status }) },
    absences: { listOfPupil: async () => [], recentOfPupil: async () => [] },
    cases: {
      get: async () => ({ value: caseRecord, etag: "e1" }),
      getFolder: async () => ({ record: { value: caseRecord, etag: "e1" }, status, openDrafts: [], log, measures: [] }),
      openDrafts: async () => [],
      logEntries: async () => log,
      measures: async () => [],
    },
    reminders: {
      due: async () => [{ reminder, etag: "r1" }],
      claim: async () => true,
      schedule: async () => undefined,
    },
    caseCards: { send: async (...args: unknown[]) => void sent.push(args) },
  } as unknown as CaseDeps;
  return { deps, sent, logged };
}

describe("«Minn meg» reminders know the case", () => {
  test("when the teacher marked the pupil «Ikke bekymringsfullt» after setting the reminder, then it is dropped and logged with ids only", async () => {
    const dismissal = { reason: "Kjent sykdom", by: "t1", at: "2025-11-17T10:00:00.000Z" };
    const { deps, sent, logged } = depsWith({ dismissal }, [entry("dismissal", dismissal.at)]);
    await sendDueReminders(deps);
    expect(sent).toEqual([]);
    expect(logged).toEqual([
      { event: "reminder_dropped", reminderId: reminder.id, pupilId: "p1", reason: "dismissed" },
    ]);
  });

  test("when the case was followed up after the reminder was set, then it is dropped", async () => {
    const { deps, sent, logged } = depsWith({}, [entry("phone_call", "2025-11-17T12:00:00.000Z")]);
    await sendDueReminders(deps);
    expect(sent).toEqual([]);
    expect(logged[0]).toMatchObject({ event: "reminder_dropped", reason: "followed_up" });
  });

  test("when only bookkeeping or earlier follow-ups are in the log, then the reminder is sent", async () => {
    const { deps, sent } = depsWith({}, [
      entry("phone_call", "2025-11-17T08:00:00.000Z"),
      entry("escalated", "2025-11-17T12:00:00.000Z"),
    ]);
    await sendDueReminders(deps);
    expect(sent).toHaveLength(1);
  });
});

describe("«Minn meg» choices, at 08:00 in the school's time zone", () => {
  const ctx = { school: school2025, today: "2025-11-21" }; // a Friday

  test("when it is Friday, then the choices are tomorrow, Monday and a week on, each at 08:00 Oslo time", () => {
    expect(reminderChoices(ctx).map((c) => [c.kind, c.at.toISOString()])).toEqual([
      ["tomorrow", "2025-11-22T07:00:00.000Z"],
      ["nextSchoolDay", "2025-11-24T07:00:00.000Z"],
      ["inAWeek", "2025-11-28T07:00:00.000Z"],
    ]);
  });

  test("when tomorrow is a school day, then it is offered once", () => {
    expect(reminderChoices({ ...ctx, today: "2025-11-18" }).map((c) => c.kind)).toEqual(["tomorrow", "inAWeek"]);
  });

  test("when a client asks for a week on, then it is accepted; later than the last choice is refused", async () => {
    const scheduled: unknown[] = [];
    const deps = {
      clock: { now: () => new Date("2025-11-21T12:00:00.000Z") },
      reminders: { schedule: async (r: unknown) => void scheduled.push(r) },
    } as unknown as CaseDeps;
    const caseCtx = { ...ctx, pupil } as unknown as Parameters<typeof remindLater>[1];
    expect(await remindLater(deps, caseCtx, "t1", new Date("2025-11-28T07:00:00.000Z"))).toBe(true);
    expect(await remindLater(deps, caseCtx, "t1", new Date("2025-11-28T07:00:01.000Z"))).toBe(false);
    expect(scheduled).toEqual([
      { pupilId: "p1", aadObjectId: "t1", dueAt: "2025-11-28T07:00:00.000Z", setAt: "2025-11-21T12:00:00.000Z" },
    ]);
  });
});
