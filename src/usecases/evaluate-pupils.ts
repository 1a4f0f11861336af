import { forEachLimited } from "../concurrency";
import type { AbsenceEvent } from "../domain/absence";
import { createSchoolCalendar, type SchoolCalendar } from "../domain/calendar";
import { evaluate, type EarlySignReport, type Evaluation } from "../domain/evaluation";
import { LadderValidationError, type Ladder } from "../domain/ladder";
import { analyzePattern } from "../domain/pattern";
import { raiseByJudgement } from "../domain/judgement";
import type { Pupil, School } from "../domain/roster";
import type { LadderRegistry } from "../ladder-registry";
import type { AbsenceRepo } from "../store/absence-repo";
import type { RosterRepo } from "../store/roster-repo";
import { changesStatus, type PupilStatus, type StatusBasis } from "../domain/status";
import type { StatusRepo } from "../store/status-repo";
import type { KnownOfPupil } from "./open-case";

export interface EvaluateDeps {
  roster: RosterRepo;
  absences: AbsenceRepo;
  statuses: StatusRepo;
  ladders: LadderRegistry;
  /** Called after a pupil's status is stored with new trips (the nudge to the contact teacher). */
  onNewTrips?: (pupilId: string, tripKeys: string[], batch?: NotifyBatch, known?: KnownOfPupil) => Promise<void>;
  /** A run over many pupils opens one batch, so that what it tells one person can be gathered; flushed at its end. */
  startBatch?: () => NotifyBatch;
  /** A school whose evaluation failed: its leaders are told (once a day), the run goes on. */
  onSchoolFailed?: (school: School, date: string, failure: SchoolFailure) => Promise<void>;
  /** Where a failure's details go (ids only). */
  logger?: { error(fields: object): void };
}

/** A ladder problem can be told to the school as it is; anything else is «a technical fault», details in the log. */
function failureOf(error: unknown): SchoolFailure {
  if (error instanceof LadderValidationError) return { kind: "ladder", detail: error.message.slice(0, 200) };
  return { kind: "technical" };
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

/** Why a school's evaluation could not run, in words that hold no pupil data. */
export interface SchoolFailure {
  kind: "ladder" | "technical";
  /** For a ladder that cannot be used: what is wrong with it (the ladder's own ids and settings only). */
  detail?: string;
}

export interface EvaluationRun {
  date: string;
  /** Every school of the run, evaluated or failed; a failed school never stops the others. */
  schools: ({ schoolId: string; ladder: string; pupils: number; failed?: SchoolFailure } & {
    /** Pupils whose own evaluation failed (ids only); the others of the school were evaluated. */
    failedPupils?: string[];
  })[];
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
  previous: StatusBasis | undefined,
  evaluation: Evaluation,
  pupil: Pupil,
  ladderId: string,
  evaluatedAt: string,
): StatusBasis {
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
    evaluatedAt,
  };
}

/**
 * Pupils of one school evaluated at once. Each waits mostly on the store (the embedded store's fsync, Cosmos DB's
 * network trip); sixteen at once share those waits without holding many cards in memory.
 */
const pupilsAtOnce = 16;

/** What a pupil is evaluated against: the school's ladder and calendar, read once per school and run. */
interface SchoolContext {
  school: School;
  ladder: Ladder;
  ladderId: string;
  calendar: SchoolCalendar;
}

/** What one evaluation of a pupil decides: the status to store (`status`), or nothing new (`unchanged`). */
type Decision = { evaluation: Evaluation; basis: StatusBasis } & (
  { unchanged: true; status?: undefined } | { unchanged: false; status: PupilStatus }
);

function decideStatus(
  pupil: Pupil,
  events: AbsenceEvent[],
  school: SchoolContext,
  date: string,
  now: Date,
  previous: StatusBasis | undefined,
  reportedSigns: EarlySignReport[],
): Decision {
  const { ladder, ladderId, calendar } = school;
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
  const basis = { ...nextStatus(previous, evaluation, pupil, ladderId, now.toISOString()), earlySigns };
  // A day that decides nothing new is not written: for most pupils most days, a run then costs a read and no write.
  if (previous && evaluation.trips.length === 0 && reportedSigns.length === 0 && !changesStatus(previous, basis))
    return { evaluation, basis, unchanged: true };
  // The pattern is analysed only for a status that is stored (cards analyse an older one again: pupil-status.ts).
  const pattern = analyzePattern({ events, calendar, asOf: date, pupilId: pupil.id });
  return { evaluation, basis, unchanged: false, status: { ...basis, pattern } };
}

/** After the status is stored: the contact teacher hears of new trips (the order a case's messages keep). */
async function tellNewTrips(
  deps: EvaluateDeps,
  pupil: Pupil,
  school: SchoolContext,
  decision: Decision,
  batch?: NotifyBatch,
): Promise<void> {
  const { trips } = decision.evaluation;
  // New trips always change the status, so it was stored with its pattern.
  if (trips.length === 0 || decision.unchanged) return;
  await deps.onNewTrips?.(
    pupil.id,
    trips.map((t) => t.key),
    batch,
    { pupil, school: school.school, status: decision.status },
  );
}

function resultOf(pupil: Pupil, { evaluation, basis: status }: Decision): EvaluatedPupil {
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

/** One pupil, read, decided and stored on its own; written again from a fresh read when someone else wrote first. */
async function evaluatePupil(
  deps: EvaluateDeps,
  pupil: Pupil,
  events: AbsenceEvent[],
  school: SchoolContext,
  date: string,
  now: Date,
  options: { reportedSigns?: EarlySignReport[]; batch?: NotifyBatch } = {},
): Promise<EvaluatedPupil> {
  // Two runs at once (the daily job and an API call) meet here: the ETag makes the later one start over.
  for (let attempt = 0; ; attempt++) {
    const stored = await deps.statuses.get(pupil.id);
    const decision = decideStatus(pupil, events, school, date, now, stored?.status, options.reportedSigns ?? []);
    if (decision.unchanged || (await deps.statuses.saveIfUnchanged(decision.status, stored?.etag))) {
      await tellNewTrips(deps, pupil, school, decision, options.batch);
      return resultOf(pupil, decision);
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
  // One school (the daily job, school by school) is a point read; every school is one read of the list.
  const schools: School[] = onlySchoolId
    ? [await deps.roster.getSchool(onlySchoolId)].filter((s): s is School => s !== undefined)
    : await deps.roster.listSchools();
  const run: EvaluationRun = { date, schools: [], pupils: [], raised: [] };
  const batch = deps.startBatch?.();
  try {
    for (const school of schools) {
      try {
        run.schools.push(await evaluateSchool(deps, school, date, now, run, batch));
      } catch (error) {
        const failure = failureOf(error);
        deps.logger?.error({ event: "school_evaluation_failed", schoolId: school.id, err: (error as Error).message });
        run.schools.push({ schoolId: school.id, ladder: school.ladder, pupils: 0, failed: failure });
        await deps
          .onSchoolFailed?.(school, date, failure)
          .catch((told: Error) =>
            deps.logger?.error({ event: "school_failure_not_told", schoolId: school.id, err: told.message }),
          );
      }
    }
  } finally {
    // What was gathered goes out even when a later pupil failed: those statuses are stored already.
    await batch?.flush();
  }
  return run;
}

/** One school of a run: read once, then each pupil; a pupil whose evaluation fails is reported and the rest go on. */
async function evaluateSchool(
  deps: EvaluateDeps,
  school: School,
  date: string,
  now: Date,
  run: EvaluationRun,
  batch: NotifyBatch | undefined,
): Promise<EvaluationRun["schools"][number]> {
  const context = {
    school,
    ladder: deps.ladders.forSchool(school),
    ladderId: school.ladder,
    calendar: createSchoolCalendar(school),
  };
  // The school's pupils, registrations and statuses are read once for the run, not per pupil.
  const [pupils, events, statuses] = await Promise.all([
    deps.roster.listPupilsOfSchool(school.id),
    deps.absences.listOfSchool(school.id),
    deps.statuses.getAllOfSchool(school.id),
  ]);
  const eventsByPupil = groupByPupil(events);
  const failed = new Set<string>();
  const fail = (pupil: Pupil, error: unknown) => {
    failed.add(pupil.id);
    deps.logger?.error({ event: "pupil_evaluation_failed", pupilId: pupil.id, err: (error as Error).message });
  };
  // Every pupil is decided from what the run read, then the changed statuses are stored in bulk requests.
  const decisions = pupils.map((pupil) => {
    try {
      const known = statuses.get(pupil.id);
      return {
        known,
        ...decideStatus(pupil, eventsByPupil.get(pupil.id) ?? [], context, date, now, known?.status, []),
      };
    } catch (error) {
      fail(pupil, error);
      return undefined;
    }
  });
  const changed = decisions.flatMap((d, index) =>
    d && !d.unchanged ? [{ index, status: d.status, etag: d.known?.etag }] : [],
  );
  const saved = await deps.statuses.saveAllIfUnchanged(changed).catch((error: Error) => {
    deps.logger?.error({ event: "status_bulk_write_failed", schoolId: school.id, err: error.message });
    return changed.map(() => false);
  });
  const stored = new Set(changed.filter((_, i) => saved[i]).map((c) => c.index));
  const results: (EvaluatedPupil | undefined)[] = new Array(pupils.length);
  // Then the nudges; pupils are independent (each writes only its own partition), so their round trips overlap.
  await forEachLimited(pupils, pupilsAtOnce, async (pupil, index) => {
    const decision = decisions[index];
    if (!decision) return;
    try {
      if (decision.unchanged || stored.has(index)) {
        await tellNewTrips(deps, pupil, context, decision, batch);
        results[index] = resultOf(pupil, decision);
      } else {
        // Written by someone else since the run read it (or the bulk write failed): this pupil alone, read again.
        results[index] = await evaluatePupil(deps, pupil, eventsByPupil.get(pupil.id) ?? [], context, date, now, {
          batch,
        });
      }
    } catch (error) {
      fail(pupil, error);
    }
  });
  for (const result of results) {
    if (!result) continue;
    run.pupils.push(result);
    if (result.raised) run.raised.push(result);
  }
  const failedPupils = pupils.filter((p) => failed.has(p.id)).map((p) => p.id);
  if (failedPupils.length === pupils.length && pupils.length > 0) throw new Error("every pupil's evaluation failed");
  return {
    schoolId: school.id,
    ladder: school.ladder,
    pupils: pupils.length,
    ...(failedPupils.length > 0 ? { failedPupils } : {}),
  };
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
  const context = {
    school,
    ladder: deps.ladders.forSchool(school),
    ladderId: school.ladder,
    calendar: createSchoolCalendar(school),
  };
  return evaluatePupil(deps, pupil, events, context, date, now, { reportedSigns });
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
