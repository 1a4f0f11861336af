import type { AbsenceEvent } from "../domain/absence";
import { createSchoolCalendar, type SchoolCalendar } from "../domain/calendar";
import { evaluate, type EarlySignReport, type Evaluation } from "../domain/evaluation";
import type { Ladder } from "../domain/ladder";
import { analyzePattern } from "../domain/pattern";
import { raiseByJudgement } from "../domain/judgement";
import type { Pupil, School } from "../domain/roster";
import type { LadderRegistry } from "../ladder-registry";
import type { AbsenceRepo } from "../store/absence-repo";
import type { RosterRepo } from "../store/roster-repo";
import type { PupilStatus, StatusRepo } from "../store/status-repo";

export interface EvaluateDeps {
  roster: RosterRepo;
  absences: AbsenceRepo;
  statuses: StatusRepo;
  ladders: LadderRegistry;
  /** Called after a pupil's status is stored with new trips (the nudge to the contact teacher). */
  onNewTrips?: (pupilId: string, tripKeys: string[], batch?: NotifyBatch) => Promise<void>;
  /** A run over many pupils opens one batch, so that what it tells one person can be gathered; flushed at its end. */
  startBatch?: () => NotifyBatch;
}

/** What a run's notifications gather (e.g. the leaders' step cards), sent when the run ends. */
export interface NotifyBatch {
  flush(): Promise<void>;
}

export interface EvaluatedPupil {
  pupilId: string;
  schoolId: string;
  className: string;
  step: number | null;
  stepName: string | null;
  raised: boolean;
  newTrips: number;
  deadline: string | null;
}

export interface EvaluationRun {
  date: string;
  schools: { schoolId: string; ladder: string; pupils: number }[];
  pupils: EvaluatedPupil[];
  /** Pupils whose step went up in this run: the ones the contact teacher must hear about. */
  raised: EvaluatedPupil[];
}

function groupByPupil(events: AbsenceEvent[]): Map<string, AbsenceEvent[]> {
  const groups = new Map<string, AbsenceEvent[]>();
  for (const e of events) {
    const list = groups.get(e.pupilId);
    if (list) list.push(e);
    else groups.set(e.pupilId, [e]);
  }
  return groups;
}

/** Folds one evaluation into the stored status: trips accumulate, fired keys never fire again, the step never drops. */
function nextStatus(
  previous: PupilStatus | undefined,
  evaluation: Evaluation,
  pupil: Pupil,
  ladderId: string,
  pattern: PupilStatus["pattern"],
  evaluatedAt: string,
): PupilStatus {
  const required = evaluation.required
    ? {
        actions: evaluation.required.actions,
        deadline: evaluation.required.deadline,
        holders: evaluation.required.holders.map((h) => h.title),
      }
    : (previous?.required ?? null);
  return {
    pupilId: pupil.id,
    schoolId: pupil.schoolId,
    ladder: ladderId,
    asOf: evaluation.asOf,
    step: evaluation.step,
    stepName: evaluation.current?.name ?? previous?.stepName ?? null,
    trips: [...(previous?.trips ?? []), ...evaluation.trips],
    firedKeys: [...(previous?.firedKeys ?? []), ...evaluation.newTriggerKeys],
    required,
    pattern,
    evaluatedAt,
  };
}

async function evaluatePupil(
  deps: EvaluateDeps,
  pupil: Pupil,
  events: AbsenceEvent[],
  ladder: Ladder,
  ladderId: string,
  calendar: SchoolCalendar,
  date: string,
  now: Date,
  reportedSigns: EarlySignReport[] = [],
  batch?: NotifyBatch,
): Promise<EvaluatedPupil> {
  // Two runs at once (the daily job and an API call) meet here: the ETag makes the later one start over.
  for (let attempt = 0; ; attempt++) {
    const stored = await deps.statuses.get(pupil.id);
    const previous = stored?.status;
    const earlySigns = [...(previous?.earlySigns ?? []), ...reportedSigns];
    // The case opens when the pupil first reaches a step; «since the case opened» windows count from then.
    const caseOpenedAt = previous?.trips.find((t) => t.step !== null)?.date;
    const evaluation = evaluate({
      pupil,
      events,
      ladder,
      calendar,
      asOf: date,
      earlySigns,
      caseOpenedAt,
      previous: previous ? { step: previous.step, firedKeys: previous.firedKeys } : undefined,
    });
    const pattern = analyzePattern({ events, calendar, asOf: date, pupilId: pupil.id });
    const status = { ...nextStatus(previous, evaluation, pupil, ladderId, pattern, now.toISOString()), earlySigns };
    const unchanged =
      previous &&
      evaluation.trips.length === 0 &&
      reportedSigns.length === 0 &&
      previous.asOf === date &&
      previous.step === status.step;
    if (unchanged || (await deps.statuses.saveIfUnchanged(status, stored?.etag))) {
      if (evaluation.trips.length > 0)
        await deps.onNewTrips?.(
          pupil.id,
          evaluation.trips.map((t) => t.key),
          batch,
        );
      return {
        pupilId: pupil.id,
        schoolId: pupil.schoolId,
        className: pupil.className,
        step: status.step,
        stepName: status.stepName,
        raised: evaluation.raised,
        newTrips: evaluation.trips.length,
        deadline: evaluation.required?.deadline ?? null,
      };
    }
    if (attempt >= 3) throw new Error(`Pupil status kept changing during evaluation (pupil ${pupil.id})`);
  }
}

/** Evaluates every pupil of every school (or one school) as of a date, and stores each pupil's status. */
export async function evaluatePupils(
  deps: EvaluateDeps,
  date: string,
  now: Date,
  onlySchoolId?: string,
): Promise<EvaluationRun> {
  const schools: School[] = (await deps.roster.listSchools()).filter((s) => !onlySchoolId || s.id === onlySchoolId);
  const run: EvaluationRun = { date, schools: [], pupils: [], raised: [] };
  const batch = deps.startBatch?.();
  try {
    for (const school of schools) {
      const ladder = deps.ladders.forSchool(school);
      const calendar = createSchoolCalendar(school);
      const pupils = await deps.roster.listPupilsOfSchool(school.id);
      const eventsByPupil = groupByPupil(await deps.absences.listOfSchool(school.id));
      for (const pupil of pupils) {
        const result = await evaluatePupil(
          deps,
          pupil,
          eventsByPupil.get(pupil.id) ?? [],
          ladder,
          school.ladder,
          calendar,
          date,
          now,
          [],
          batch,
        );
        run.pupils.push(result);
        if (result.raised) run.raised.push(result);
      }
      run.schools.push({ schoolId: school.id, ladder: school.ladder, pupils: pupils.length });
    }
  } finally {
    // What was gathered goes out even when a later pupil failed: those statuses are stored already.
    await batch?.flush();
  }
  return run;
}

/** One pupil now, e.g. when a contact teacher reports early signs (tidlige tegn) without any threshold tripped. */
export async function evaluateOnePupil(
  deps: EvaluateDeps,
  pupilId: string,
  date: string,
  now: Date,
  reportedSigns: EarlySignReport[] = [],
): Promise<EvaluatedPupil | undefined> {
  const pupil = await deps.roster.getPupil(pupilId);
  const school = pupil ? await deps.roster.getSchool(pupil.schoolId) : undefined;
  if (!pupil || !school) return undefined;
  const events = await deps.absences.listOfPupil(pupilId);
  return evaluatePupil(
    deps,
    pupil,
    events,
    deps.ladders.forSchool(school),
    school.ladder,
    createSchoolCalendar(school),
    date,
    now,
    reportedSigns,
  );
}

/** A conversation concluded a higher step (e.g. the phone call found a meeting is needed): the status follows, never down. */
export async function raiseStepByJudgement(
  deps: EvaluateDeps,
  input: { pupilId: string; assessedStep: number; date: string; sourceId: string; label: string; now: Date },
): Promise<boolean> {
  const pupil = await deps.roster.getPupil(input.pupilId);
  const school = pupil ? await deps.roster.getSchool(pupil.schoolId) : undefined;
  if (!pupil || !school) return false;
  for (let attempt = 0; attempt < 4; attempt++) {
    const stored = await deps.statuses.get(input.pupilId);
    if (!stored) return false;
    const previous = stored.status;
    if (previous.firedKeys.includes(`judgement@${input.sourceId}`)) return false;
    const trip = raiseByJudgement({
      ladder: deps.ladders.forSchool(school),
      calendar: createSchoolCalendar(school),
      currentStep: previous.step,
      assessedStep: input.assessedStep,
      date: input.date,
      sourceId: input.sourceId,
      label: input.label,
    });
    if (!trip) return false;
    const status: PupilStatus = {
      ...previous,
      step: trip.step,
      stepName: trip.stepName,
      trips: [...previous.trips, trip],
      firedKeys: [...previous.firedKeys, trip.key],
      required: { actions: [...trip.actions], deadline: trip.deadline, holders: trip.holders.map((h) => h.title) },
      evaluatedAt: input.now.toISOString(),
    };
    if (await deps.statuses.saveIfUnchanged(status, stored.etag)) return true;
  }
  throw new Error(`Pupil status kept changing (pupil ${input.pupilId})`);
}
