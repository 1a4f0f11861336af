import { z } from "zod";
import { absenceKinds, absenceReasons } from "./absence";
import { leadRoles, staffRoles } from "./roster";
import { isTemplateId, templateIds } from "./templates/ids";

/**
 * The ladder (tiltakstrapp) file format. A ladder is data, validated here, and interpreted by
 * evaluate(). Presets in ./ladders and custom ladder files go through the same schema.
 * docs/ladders.md explains every primitive with a worked example.
 */

export const ladderFormatVersion = 1;

/** Reference to a named ladder setting, so a school can override an ambiguous threshold. */
export const settingRef = z.object({ setting: z.string().min(1).max(64) }).strict();
export type SettingRef = z.infer<typeof settingRef>;

/** «N eller flere» is atLeast N; «over N» / «mer enn N» is moreThan N. Both kept exactly as written. */
export const threshold = z.union([
  z.object({ atLeast: z.number().int().min(1).max(10_000) }).strict(),
  z.object({ moreThan: z.number().int().min(0).max(10_000) }).strict(),
]);
export type Threshold = z.infer<typeof threshold>;

export const ladderWindow = z.discriminatedUnion("type", [
  /** The last N school days up to and including the evaluated day. */
  z.object({ type: z.literal("rolling_school_days"), days: z.number().int().min(1).max(400) }).strict(),
  /** Monday–Sunday (ISO week). */
  z.object({ type: z.literal("calendar_week") }).strict(),
  z.object({ type: z.literal("calendar_month") }).strict(),
  /** Halvår: school-year start–31 December, and 1 January–school-year end; optionally only one of them. */
  z.object({ type: z.literal("term"), only: z.union([z.literal(1), z.literal(2)]).optional() }).strict(),
  z.object({ type: z.literal("school_year") }).strict(),
  /** From caseOpenedAt (passed to evaluate) to the evaluated day; the rule is skipped without a case. */
  z.object({ type: z.literal("since_case_opened") }).strict(),
]);
export type LadderWindow = z.infer<typeof ladderWindow>;

const countOrSetting = z.union([z.number().int().min(1).max(400), settingRef]);

/**
 * Which continuous illness a day count leaves out. each_period: every one of at least minDays school days;
 * single_period: only when it is the pupil's one period of illness in the school year, so illness spread over
 * several periods counts in full (Ørland: «sykefravær fordelt på flere perioder (ikke sammenhengende sykdom …)»).
 */
export const illnessReadings = ["each_period", "single_period"] as const;
export type IllnessReading = (typeof illnessReadings)[number];
const thresholdOrSetting = z.union([threshold, settingRef]);
const windowOrSetting = z.union([ladderWindow, settingRef]);

export const absenceFilter = z
  .object({
    /** true: only dokumentert/gyldig; false: only udokumentert/ugyldig; absent: both. */
    documented: z.boolean().optional(),
    /** Only registrations with one of these reasons. */
    reasons: z.array(z.enum(absenceReasons)).min(1).optional(),
    /** Leave out registrations with these reasons, e.g. known travel (reise) in Molde. */
    excludeReasons: z.array(z.enum(absenceReasons)).min(1).optional(),
    /** Leave out agreed absence (avklart fravær, `agreed: true`). */
    excludeAgreed: z.boolean().optional(),
    /**
     * Leave out one continuous illness (sammenhengende sykdom): illness days on consecutive school days,
     * or days sharing an episodeId, spanning at least minDays school days (default 2).
     */
    excludeContinuousIllness: z
      .union([
        z.boolean(),
        z
          .object({
            minDays: countOrSetting,
            /** Default each_period (see illnessReadings). */
            reading: z.union([z.enum(illnessReadings), settingRef]).optional(),
          })
          .strict(),
      ])
      .optional(),
    /** Only days in runs of at most N consecutive absence days, e.g. 1 for «enkeltdager». */
    maxRunLength: countOrSetting.optional(),
    /** Only lesson registrations in these subjects. */
    subjects: z.array(z.string().min(1).max(80)).min(1).optional(),
  })
  .strict();
export type AbsenceFilter = z.infer<typeof absenceFilter>;

/**
 * days: distinct school days with a whole-day absence; lessons: sum of lessons; lesson_days: distinct days
 * with lesson absence (occasions); late / left / not_in_class: registrations of that kind.
 */
export const countMeasures = ["days", "lessons", "lesson_days", "late", "left", "not_in_class"] as const;
export type CountMeasure = (typeof countMeasures)[number];

export const ladderTrigger = z.discriminatedUnion("type", [
  /** A count of days / lessons / late arrivals / leaving / not in class inside a window reaches a threshold. */
  z
    .object({
      type: z.literal("count"),
      measure: z.enum(countMeasures),
      filter: absenceFilter.optional(),
      window: windowOrSetting,
      threshold: thresholdOrSetting,
      /** Count each subject on its own (lessons only): «fravær i enkeltfag». */
      perSubject: z.boolean().optional(),
    })
    .strict(),
  /** Absence days on consecutive school days (Friday → Monday is consecutive). */
  z
    .object({ type: z.literal("consecutive_days"), filter: absenceFilter.optional(), length: thresholdOrSetting })
    .strict(),
  /** Any single registration of these kinds trips, once per date (e.g. all undocumented absence). */
  z
    .object({
      type: z.literal("occurrence"),
      kinds: z.array(z.enum(absenceKinds)).min(1),
      filter: absenceFilter.optional(),
    })
    .strict(),
  /** A teacher reported one of the ladder's early signs (tidlige tegn); all signs when `signs` is left out. */
  z.object({ type: z.literal("early_sign"), signs: z.array(z.string().min(1).max(64)).min(1).optional() }).strict(),
]);
export type LadderTrigger = z.infer<typeof ladderTrigger>;

export const ladderDeadline = z.discriminatedUnion("type", [
  z.object({ type: z.literal("same_day"), label: z.string().max(200).optional() }).strict(),
  z
    .object({
      type: z.literal("school_days"),
      days: z.number().int().min(1).max(200),
      label: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({ type: z.literal("weeks"), weeks: z.number().int().min(1).max(52), label: z.string().max(200).optional() })
    .strict(),
  z
    .object({
      type: z.literal("calendar_days"),
      days: z.number().int().min(1).max(365),
      label: z.string().max(200).optional(),
    })
    .strict(),
]);
export type LadderDeadline = z.infer<typeof ladderDeadline>;

export const ladderPeriod = z
  .object({
    unit: z.enum(["school_days", "weeks", "months"]),
    amount: z.number().int().min(1).max(52),
    label: z.string().max(200).optional(),
  })
  .strict();
export type LadderPeriod = z.infer<typeof ladderPeriod>;

/** Who holds the case (stafettholder): a roster role plus the routine's own title for it. */
export const caseHolder = z.object({ role: z.enum(staffRoles), title: z.string().min(1).max(120) }).strict();
export type CaseHolder = z.infer<typeof caseHolder>;

const source = z.string().min(3).max(400);
const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "lower-case letters, digits, - and _")
  .max(64);
const norwegianText = z.string().min(1).max(1000);

export const ladderStep = z
  .object({
    number: z.number().int().min(0).max(20),
    /** The routine's own step name, e.g. «Oppdage og utforske». */
    name: z.string().min(1).max(200),
    holders: z.array(caseHolder).min(1),
    /** Leaders the routine says to tell when the step is reached, though they do not hold the case (Lillestrøm: «Varsle rektor»). */
    notify: z
      .array(z.object({ role: z.enum(leadRoles), title: z.string().min(1).max(120) }).strict())
      .min(1)
      .optional(),
    actions: z.array(norwegianText).min(1),
    evaluateAfter: ladderPeriod.optional(),
    /** Deadline for the step's actions once the step is reached (used when a rule has none). */
    deadline: ladderDeadline.optional(),
    /** The guided conversations the step offers, most relevant first; left out: the common offer by step number. */
    templates: z.array(z.string().max(64)).max(templateIds.length).optional(),
    source,
  })
  .strict();
export type LadderStep = z.infer<typeof ladderStep>;

export const earlySign = z.object({ id: slug, label: norwegianText, source }).strict();
export type EarlySign = z.infer<typeof earlySign>;

export const ladderRule = z
  .object({
    id: slug,
    /** The criterion in the routine's words, e.g. «Fraværet passerer 3 dager». */
    label: norwegianText,
    /** The step this rule moves the pupil to; left out for a notice that prescribes actions without a step. */
    step: z.number().int().min(0).max(20).optional(),
    holders: z.array(caseHolder).min(1).optional(),
    actions: z.array(norwegianText).min(1).optional(),
    /** The actions say in other words what the step's own actions ask; a card that lists the step's actions leaves them out. */
    restatesStepActions: z.literal(true).optional(),
    deadline: ladderDeadline.optional(),
    /** Seed file and section, e.g. "002_de3d4e1d3d707c60.txt §1.3". */
    source,
    /** Only active when a setting has this value (chooses between readings of an ambiguous routine). */
    enabledWhen: z
      .object({ setting: z.string().min(1).max(64), equals: z.union([z.string(), z.number(), z.boolean()]) })
      .strict()
      .optional(),
    trigger: ladderTrigger,
  })
  .strict();
export type LadderRule = z.infer<typeof ladderRule>;

export const settingValue = z.union([z.number(), z.boolean(), z.string().max(200), threshold, ladderWindow]);
export type SettingValue = z.infer<typeof settingValue>;

export const ladderSetting = z
  .object({
    label: norwegianText,
    value: settingValue,
    /** Allowed values; an override must be one of them when given. */
    options: z.array(settingValue).min(1).optional(),
    source,
  })
  .strict();
export type LadderSetting = z.infer<typeof ladderSetting>;

type SettingKind = "number" | "boolean" | "string" | "threshold" | "window";

function kindOfSetting(value: SettingValue): SettingKind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "type" in value ? "window" : "threshold";
}

function sameValue(a: SettingValue, b: SettingValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const ladderObject = z
  .object({
    formatVersion: z.literal(ladderFormatVersion),
    id: slug,
    name: z.string().min(1).max(200),
    municipality: z.string().min(1).max(100),
    institution: z.enum(["school", "kindergarten"]),
    description: z.string().max(2000).optional(),
    /** The routine document this ladder implements. */
    source,
    settings: z
      .record(
        z
          .string()
          .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/)
          .max(64),
        ladderSetting,
      )
      .default({}),
    earlySigns: z.array(earlySign).default([]),
    steps: z.array(ladderStep).min(1),
    rules: z.array(ladderRule).default([]),
  })
  .strict();

function checkReferences(ladder: z.infer<typeof ladderObject>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const stepNumbers = new Set<number>();
  ladder.steps.forEach((step, i) => {
    if (stepNumbers.has(step.number)) issue(["steps", i, "number"], `step ${step.number} is defined twice`);
    stepNumbers.add(step.number);
    step.templates?.forEach((id, j) => {
      if (!isTemplateId(id))
        issue(
          ["steps", i, "templates", j],
          `step ${step.number} names the unknown template "${id}" in templates (known: ${templateIds.join(", ")})`,
        );
      else if (step.templates!.indexOf(id) !== j)
        issue(["steps", i, "templates", j], `step ${step.number} names the template ${id} twice in templates`);
    });
  });
  const signIds = new Set<string>();
  ladder.earlySigns.forEach((sign, i) => {
    if (signIds.has(sign.id)) issue(["earlySigns", i, "id"], `early sign ${sign.id} is defined twice`);
    signIds.add(sign.id);
  });
  for (const [name, setting] of Object.entries(ladder.settings)) {
    if (setting.options && !setting.options.some((o) => sameValue(o, setting.value)))
      issue(["settings", name, "value"], "value must be one of options");
    if (setting.options?.some((o) => kindOfSetting(o) !== kindOfSetting(setting.value)))
      issue(["settings", name, "options"], "options must have the same type as value");
  }
  const expectSetting = (path: (string | number)[], ref: unknown, kind: SettingKind): void => {
    if (typeof ref !== "object" || ref === null || !("setting" in ref)) return;
    const name = (ref as SettingRef).setting;
    const setting = ladder.settings[name];
    if (!setting) issue(path, `unknown setting ${name}`);
    else if (kindOfSetting(setting.value) !== kind) issue(path, `setting ${name} must be a ${kind}`);
  };
  const checkFilter = (path: (string | number)[], filter: AbsenceFilter | undefined): void => {
    if (!filter) return;
    if (typeof filter.excludeContinuousIllness === "object") {
      const illness = filter.excludeContinuousIllness;
      expectSetting([...path, "excludeContinuousIllness", "minDays"], illness.minDays, "number");
      const reading = illness.reading;
      if (typeof reading === "object") {
        const setting = ladder.settings[reading.setting];
        const values = setting ? [setting.value, ...(setting.options ?? [])] : [];
        if (!setting) issue([...path, "excludeContinuousIllness", "reading"], `unknown setting ${reading.setting}`);
        else if (values.some((v) => !illnessReadings.includes(v as IllnessReading)))
          issue(
            [...path, "excludeContinuousIllness", "reading"],
            `setting ${reading.setting} must be one of ${illnessReadings.join(", ")}`,
          );
      }
    }
    expectSetting([...path, "maxRunLength"], filter.maxRunLength, "number");
  };
  const ruleIds = new Set<string>();
  ladder.rules.forEach((rule, i) => {
    const path = ["rules", i];
    if (ruleIds.has(rule.id)) issue([...path, "id"], `rule ${rule.id} is defined twice`);
    ruleIds.add(rule.id);
    if (rule.step !== undefined && !stepNumbers.has(rule.step))
      issue([...path, "step"], `step ${rule.step} is not defined in steps`);
    if (rule.step === undefined && !rule.actions)
      issue([...path, "actions"], "a notice rule (no step) needs its own actions");
    if (rule.step === undefined && !rule.holders)
      issue([...path, "holders"], "a notice rule (no step) needs its own holders");
    if (rule.enabledWhen && !ladder.settings[rule.enabledWhen.setting])
      issue([...path, "enabledWhen"], `unknown setting ${rule.enabledWhen.setting}`);
    const trigger = rule.trigger;
    switch (trigger.type) {
      case "count":
        expectSetting([...path, "trigger", "threshold"], trigger.threshold, "threshold");
        expectSetting([...path, "trigger", "window"], trigger.window, "window");
        checkFilter([...path, "trigger", "filter"], trigger.filter);
        if (trigger.perSubject && trigger.measure !== "lessons" && trigger.measure !== "lesson_days")
          issue([...path, "trigger", "perSubject"], "perSubject only applies to lessons and lesson_days");
        break;
      case "consecutive_days":
        expectSetting([...path, "trigger", "length"], trigger.length, "threshold");
        checkFilter([...path, "trigger", "filter"], trigger.filter);
        break;
      case "occurrence":
        checkFilter([...path, "trigger", "filter"], trigger.filter);
        break;
      case "early_sign":
        if (ladder.earlySigns.length === 0)
          issue([...path, "trigger"], "early_sign rules need earlySigns in the ladder");
        trigger.signs?.forEach((id, j) => {
          if (!signIds.has(id)) issue([...path, "trigger", "signs", j], `unknown early sign ${id}`);
        });
        break;
    }
  });
}

export const ladderSchema = ladderObject.superRefine(checkReferences);

/** A validated ladder. */
export type Ladder = z.infer<typeof ladderSchema>;
/** What a preset or ladder file is written as (defaults may be left out). */
export type LadderDefinition = z.input<typeof ladderSchema>;

export class LadderValidationError extends Error {
  constructor(
    message: string,
    readonly issues: readonly z.ZodIssue[],
  ) {
    super(message);
    this.name = "LadderValidationError";
  }
}

function describeIssues(issues: readonly z.ZodIssue[]): string {
  return issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
}

/** Validates a ladder file (parsed JSON) or preset; throws LadderValidationError listing every problem. */
export function parseLadder(input: unknown): Ladder {
  const result = ladderSchema.safeParse(input);
  if (!result.success)
    throw new LadderValidationError(`Invalid ladder: ${describeIssues(result.error.issues)}`, result.error.issues);
  return result.data;
}

/**
 * Returns a copy of the ladder with some settings overridden by a school (e.g. Lillestrøm's late
 * threshold «over 4» vs «4»). Unknown names, wrong types and values outside `options` are rejected.
 */
export function applySettingOverrides(ladder: Ladder, overrides: Readonly<Record<string, SettingValue>>): Ladder {
  const settings = { ...ladder.settings };
  for (const [name, value] of Object.entries(overrides)) {
    const setting = settings[name];
    if (!setting) throw new LadderValidationError(`Unknown setting ${name} in ladder ${ladder.id}`, []);
    const parsed = settingValue.safeParse(value);
    if (!parsed.success)
      throw new LadderValidationError(
        `Invalid value for setting ${name}: ${describeIssues(parsed.error.issues)}`,
        parsed.error.issues,
      );
    settings[name] = { ...setting, value: parsed.data };
  }
  return parseLadder({ ...ladder, settings });
}

/** Reads a setting's value, following a reference when given one. */
export function resolveSetting<T extends SettingValue>(ladder: Ladder, valueOrRef: T | SettingRef): T {
  if (typeof valueOrRef === "object" && valueOrRef !== null && "setting" in valueOrRef) {
    const setting = ladder.settings[valueOrRef.setting];
    if (!setting) throw new LadderValidationError(`Unknown setting ${valueOrRef.setting} in ladder ${ladder.id}`, []);
    return setting.value as T;
  }
  return valueOrRef;
}

/** The smallest count that trips a threshold: atLeast N → N, moreThan N → N + 1. */
export function minimumCount(t: Threshold): number {
  return "atLeast" in t ? t.atLeast : t.moreThan + 1;
}

/** True when the rule is active under the ladder's current settings. */
export function isRuleEnabled(ladder: Ladder, rule: LadderRule): boolean {
  if (!rule.enabledWhen) return true;
  const setting = ladder.settings[rule.enabledWhen.setting];
  return setting !== undefined && sameValue(setting.value, rule.enabledWhen.equals);
}

export function findStep(ladder: Ladder, number: number): LadderStep | undefined {
  return ladder.steps.find((s) => s.number === number);
}
