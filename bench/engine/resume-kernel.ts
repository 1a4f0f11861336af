import { type KernelCodes, type KernelRule, int } from "./ladder-kernel";

/**
 * A ladder's day step, generated for that ladder: what evaluateNextDay (resume.ts) does with one new school
 * day's rows once they are loaded and their continuous illness marked. A step written for any ladder would test,
 * for every rule and pupil, what the ladder fixes once (the rule's type, window, kind, where its block lies) and
 * count the rows again for each rule. Here the rows' weights are summed once per source (the same kinds, filter,
 * illness minimum and once-per-day measure: Ørland's 3, 6 and 9 days are one source) in one loop over the rows,
 * and each rule is a line that calls resume.ts's advance for its type (passed in) with its weight and block.
 *
 * Only numbers go into the generated source (checked by `int`).
 */

/** What the generator reads of a slot's layout: each rule's block offset (-1 without state) and MOVING bit. */
export interface DayStepLayout {
  offsets: Int32Array;
  movingBits: Int32Array;
}

/**
 * The generated function: advances the slot at `t` of `d` by the day in `step` over the loaded rows, and
 * returns the new MOVING bits (see resume.ts) from `moving`.
 */
export type DayStep<Step> = (step: Step, d: Int32Array, t: number, moving: number) => number;

/**
 * The day step for a ladder's rules, or undefined when a filter is one it does not take (by subject, or past the
 * pass bits): those ladders' pupils are evaluated afresh each day. Run-length limits count only whole days, and
 * evaluateNextDay replays days with whole-day rows for those ladders before this step.
 * `alwaysPasses(bit)`: whether every row passes the filter.
 */
export function createDayStep<Step>(
  rules: readonly KernelRule[],
  layout: DayStepLayout,
  codes: KernelCodes,
  alwaysPasses: (bit: number) => boolean,
  helpers: object,
): DayStep<Step> | undefined {
  const c = codes;
  if (rules.some((r) => r.typeCode !== c.earlySign && (r.filter.bit === 0 || r.filter.subjects !== undefined)))
    return undefined;
  const D = c.kindDay;
  // One weight per source: the rows a rule counts on the new day (a count, a run or an occurrence).
  const sources: { key: string; kinds: number[]; bit: number; ill: number; once: boolean }[] = [];
  const sourceOf = (kinds: number[], r: KernelRule, once: boolean): number => {
    const key = `${kinds.join(",")}|${r.filter.bit}|${r.filter.continuousIllnessMinDays}|${once}`;
    let s = sources.findIndex((x) => x.key === key);
    if (s < 0) {
      s = sources.length;
      sources.push({ key, kinds, bit: r.filter.bit, ill: r.filter.continuousIllnessMinDays, once });
    }
    return s;
  };
  const source = rules.map((r) => {
    if (r.typeCode === c.count && !r.perSubject)
      return sourceOf([r.kind], r, r.kind === D || r.measure === "lesson_days");
    if (r.typeCode === c.consecutive) return sourceOf([D], r, true);
    if (r.typeCode === c.occurrence)
      return sourceOf(
        [0, 1, 2, 3, 4].filter((k) => (r.kindMask & (1 << k)) !== 0),
        r,
        true,
      );
    return -1;
  });

  const src: string[] = [];
  const emit = (line: string): void => void src.push(line);
  emit("const R = stepRules;");
  emit(
    "const day = step.day; const dc = step.dc; const caseStart = step.ctx.caseStart; const yearStart = dc.yearStart;",
  );
  emit(
    "const n = day >= 0 ? regs.n : 0; const kind = regs.kind; const pass = regs.pass; const ill = regs.episodeDays; const lessons = regs.lessons;",
  );
  sources.forEach((_, s) => emit(`let w${s} = 0;`));
  if (sources.length > 0) {
    emit("for (let i = 0; i < n; i++) {");
    emit("  const p = pass[i];");
    emit("  switch (kind[i]) {");
    for (let k = 0; k < 5; k++) {
      const here = sources.map((x, s) => ({ x, s })).filter(({ x }) => x.kinds.includes(k));
      if (here.length === 0) continue;
      emit(`    case ${int(k)}:`);
      for (const { x, s } of here) {
        const tests: string[] = [];
        if (!alwaysPasses(x.bit)) tests.push(`(p & ${int(x.bit)}) !== 0`);
        if (x.ill > 0) tests.push(`ill[i] < ${int(x.ill)}`);
        const test = tests.length === 0 ? "true" : tests.join(" && ");
        // A counted day or lesson day weighs 1, other registrations their lessons (as resume.ts's countRows).
        emit(`      if (${test}) ${x.once ? `w${s} = 1` : `w${s} += lessons[i]`};`);
      }
      emit("      break;");
    }
    emit("  }");
    emit("}");
  }
  // The first day a rule counts from: the school year's start, or the case's (no case, nothing counts).
  const fromOf = (r: KernelRule): string => (r.windowType === "since_case_opened" ? "caseStart" : "yearStart");
  const counting = (r: KernelRule): string =>
    r.windowType === "since_case_opened" ? "caseStart !== undefined && day >= caseStart" : "day >= yearStart";
  rules.forEach((r, i) => {
    const at = layout.offsets[i] as number;
    const s = source[i] as number;
    const R = `R[${int(i)}]`;
    if (r.typeCode === c.occurrence) {
      emit(`if (w${s} > 0 && day >= yearStart) trip(step, ${R}, day, undefined);`);
    } else if (r.typeCode === c.consecutive) {
      emit(`if (w${s} > 0 && day >= yearStart) advanceRun(step, ${R}, t + ${int(at)});`);
    } else if (r.typeCode === c.count && (r.perSubject || r.windowType === "rolling_school_days")) {
      // Rolling and per-subject blocks move on every day while they hold something (MOVING), and on days with
      // rows of their kind.
      const bit = layout.movingBits[i] as number;
      const due = r.perSubject ? `(step.kinds & ${int(1 << r.kind)}) !== 0` : `w${s} > 0`;
      emit(
        `if (${r.windowType === "since_case_opened" ? "caseStart !== undefined" : "true"} && (${bit === 0 ? "true" : `(moving & ${int(bit)}) !== 0`} || ${due})) {`,
      );
      if (r.perSubject) emit(`  advancePerSubject(step, ${R}, t + ${int(at)}, ${fromOf(r)}, ${due});`);
      else emit(`  advanceRolling(step, ${R}, d, t + ${int(at)}, ${counting(r)} ? w${s} : 0, undefined);`);
      if (bit !== 0) emit(`  moving = holds(${R}, d, t + ${int(at)}) ? moving | ${int(bit)} : moving & ${int(~bit)};`);
      emit("}");
    } else if (r.typeCode === c.count) {
      emit(`if (w${s} > 0 && ${counting(r)}) advanceFixed(step, ${R}, d, t + ${int(at)}, w${s}, undefined);`);
    }
  });
  emit("return moving;");
  const body = `const { regs, trip, advanceRun, advanceFixed, advanceRolling, advancePerSubject, holds } = helpers;\nreturn function dayStep(step, d, t, moving) {\n${src.join("\n")}\n};`;
  const factory = new Function("helpers", "stepRules", body) as (
    helpers: object,
    rules: readonly KernelRule[],
  ) => DayStep<Step>;
  return factory(helpers, rules);
}
