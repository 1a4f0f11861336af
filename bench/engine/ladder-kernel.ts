/**
 * A ladder's single pass, generated for that ladder (see «How evaluation works» in docs/ladders.md).
 *
 * evaluateStep's single pass reads a pupil's rows once and then runs every rule over them. Written for any
 * ladder, it tests at run time what the ladder fixes once: which kinds a rule reads, which filter bit, which
 * occurrence rules look at a row. The kernel is the same pass written out for one ladder: rows go into one list
 * per kind, each occurrence rule's test is inlined where its kinds are loaded (its days tripped after the
 * loop), and count rules that count the
 * same rows are one family, counted in one loop over their kind's list with each rule's fixed window worked out
 * as evaluateFixedWindows does. Rolling windows, per-subject counts, continuous illness, trip keys and stubs
 * stay the engine's own functions (passed in).
 *
 * Only numbers go into the generated source (checked by `int`): rule ids, subjects and every other string
 * stay data the function reads from its arguments.
 */

/** What the generator reads of a compiled rule (CompiledRule in src/domain/evaluation/compile.ts has these fields). */
export interface KernelRule {
  typeCode: number;
  kind: number;
  kindMask: number;
  measure: string;
  windowType: string;
  windowDays: number;
  windowOnly: number;
  perSubject: boolean;
  min: number;
  filter: { bit: number; continuousIllnessMinDays: number; subjects: unknown; maxRunLength: number };
}

/** The engine's rule type codes and kind codes (src/domain/evaluation/compile.ts). */
export interface KernelCodes {
  count: number;
  consecutive: number;
  occurrence: number;
  earlySign: number;
  kindDay: number;
  kindLesson: number;
  notSchoolDay: number;
  reasonIllness: number;
  noReason: number;
}

/**
 * The generated function: evaluates one pupil's rows (in day order) into the engine's stubs. False, with
 * nothing to keep, when the rows are not in day order or more than KERNEL_MAX_ROWS. Arguments: the pupil's
 * ColumnRows, the DayContext, the lean Context (trips go to stubs) and the rows' column batch.
 */
export type Kernel<Rows, Day, Ctx, Batch> = (rows: Rows, dc: Day, ctx: Ctx, batch: Batch) => boolean;

const KINDS = 5;

/** An integer for the generated source; anything else is a bug in the caller. */
export function int(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`ladder kernel: ${value} is not an integer`);
  return String(value);
}

/**
 * Most rows a kernel takes for one pupil; a pupil with more (thousands of registrations in one school year) is
 * given back (the kernel returns false) and evaluated by the engine's general path.
 */
export const KERNEL_MAX_ROWS = 4096;

/**
 * Per-kind row lists of one pupil, shared by every kernel (one pupil at a time). Their size is fixed, so that
 * each kernel holds them as constants: the compiler then reads them without checking what they are on each row.
 */
export function createKernelLists(): KernelLists {
  const size = KERNEL_MAX_ROWS;
  const lists: KernelLists = {
    day: [],
    index: [],
    pass: [],
    weight: [],
    row: [],
    illness: [],
    scratch: new Int32Array(size * KINDS),
  };
  for (let k = 0; k < KINDS; k++) {
    lists.day[k] = new Int32Array(size);
    lists.index[k] = new Int32Array(size);
    lists.pass[k] = new Int32Array(size);
    lists.weight[k] = new Int32Array(size);
    lists.row[k] = new Int32Array(size);
    lists.illness[k] = new Int32Array(size);
  }
  return lists;
}

export interface KernelLists {
  /** By kind: day, school index, filter pass bits, weight (lessons), source row, and continuous-illness days (day rows). */
  readonly day: Int32Array[];
  readonly index: Int32Array[];
  readonly pass: Int32Array[];
  readonly weight: Int32Array[];
  readonly row: Int32Array[];
  readonly illness: Int32Array[];
  /** Candidate days of an occurrence rule that reads several kinds. */
  readonly scratch: Int32Array;
}

/**
 * The kernel for a ladder's rules, or undefined when a rule is one the single pass does not take (the caller
 * checks that first: see singlePassFits in bulk.ts). `alwaysPasses(bit)`: whether every row passes the filter.
 */
// Over 120 lines: a generated-code template, kept as one function so the emitted source reads top to bottom.
export function createKernel<Rows, Day, Ctx, Batch>(
  rules: readonly KernelRule[],
  needsIllness: boolean,
  codes: KernelCodes,
  alwaysPasses: (bit: number) => boolean,
  helpers: object,
): Kernel<Rows, Day, Ctx, Batch> | undefined {
  const c = codes;
  if (
    rules.some(
      (r) =>
        r.typeCode !== c.earlySign &&
        (r.filter.bit === 0 || r.filter.subjects !== undefined || r.filter.maxRunLength !== 0),
    )
  )
    return undefined;
  const onLoad = rules
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.typeCode === c.occurrence && r.filter.continuousIllnessMinDays === 0);
  const kindsOf = (mask: number): number[] =>
    Array.from({ length: KINDS }, (_, k) => k).filter((k) => (mask & (1 << k)) !== 0);
  // Kinds read again after loading (counts, runs, occurrences that depend on continuous illness) get a list;
  // the kinds of the other occurrence rules are only tested as they load.
  const listed = new Set<number>();
  for (const r of rules) {
    if (r.typeCode === c.count) listed.add(r.kind);
    if (r.typeCode === c.consecutive) listed.add(c.kindDay);
    if (r.typeCode === c.occurrence && r.filter.continuousIllnessMinDays > 0)
      for (const k of kindsOf(r.kindMask)) listed.add(k);
  }
  const used = new Set<number>([...listed, ...onLoad.flatMap(({ r }) => kindsOf(r.kindMask))]);
  const src: string[] = [];
  const emit = (line: string): void => void src.push(line);
  // The lists, read once when the kernel is made (outside the function the kernel returns).
  const constants: string[] = [];
  const needsPass = (k: number): boolean =>
    rules.some(
      (r) =>
        r.typeCode !== c.earlySign &&
        !alwaysPasses(r.filter.bit) &&
        (r.typeCode === c.occurrence
          ? (r.kindMask & (1 << k)) !== 0
          : (r.typeCode === c.consecutive ? c.kindDay : r.kind) === k),
    );
  const needsRow = (k: number): boolean => rules.some((r) => r.typeCode === c.count && r.perSubject && r.kind === k);
  const NSD = int(c.notSchoolDay);
  // "No day yet" and "no end" for the generated locals: small integers (V8's 31-bit range), so that V8 keeps
  // the day arithmetic in integers; a literal outside that range is a heap number and turns it into doubles.
  const NONE = int(-(2 ** 30));
  const NO_END = int(2 ** 30 - 1);

  emit("const R = ctxRules;");
  emit("const cols = rows.columns; const from = rows.from; const to = rows.to;");
  emit(
    "const days = cols.day; const kinds = cols.kind; const reason = cols.reason; const filterCode = cols.filterCode; const lessons = cols.lessons; const episode = cols.episode; const episodeNames = cols.episodes;",
  );
  emit("const asOfDay = dc.asOfDay; const yearStart = dc.yearStart; const table = dc.indexTable;");
  emit(`if (to - from > ${int(KERNEL_MAX_ROWS)}) return false;`);
  if (needsIllness) emit("regs.reserve(to - from); startIllnessGroups();");
  for (const k of used) {
    constants.push(`const day${k} = lists.day[${int(k)}]; const index${k} = lists.index[${int(k)}];`);
    emit(`let n${k} = 0;`);
    if (needsPass(k)) constants.push(`const pass${k} = lists.pass[${int(k)}];`);
    if (k === c.kindLesson) {
      constants.push(`const weight${k} = lists.weight[${int(k)}];`);
      emit(`let weightSum${k} = 0;`);
    }
    if (needsRow(k)) constants.push(`const row${k} = lists.row[${int(k)}];`);
  }
  const illnessOfDays = needsIllness && used.has(c.kindDay);
  if (illnessOfDays)
    constants.push(
      `const group${c.kindDay} = lists.illness[${int(c.kindDay)}]; const dayRow = lists.row[${int(c.kindDay)}];`,
    );
  // An occurrence rule's days, noted as the rows load and tripped after the loop: the row loop calls nothing,
  // so V8 keeps its locals in registers from row to row.
  for (const { i } of onLoad) {
    constants.push(`const occurrences${i} = new Int32Array(${int(KERNEL_MAX_ROWS)});`);
    emit(`let last${i} = ${NONE}; let m${i} = 0;`);
  }
  emit(`let lastDay = ${NONE};`);
  emit("for (let row = from; row < to; row++) {");
  emit("  const day = days[row];");
  emit("  if (day > asOfDay || day < yearStart) continue;");
  emit("  const index = table[day - yearStart];");
  emit(`  if (index === ${NSD}) continue;`);
  emit("  if (day < lastDay) return false;");
  emit("  lastDay = day;");
  emit("  switch (kinds[row]) {");
  for (const k of used) {
    emit(`    case ${int(k)}: {`);
    if (needsPass(k)) emit("      const pass = passTable[filterCode[row]];");
    // The first passing row of a day makes an occurrence rule's one trip that day.
    for (const { r, i } of onLoad) {
      if ((r.kindMask & (1 << k)) === 0) continue;
      const test = alwaysPasses(r.filter.bit) ? "" : ` && (pass & ${int(r.filter.bit)}) !== 0`;
      emit(`      if (last${i} !== day${test}) { last${i} = day; occurrences${i}[m${i}++] = day; }`);
    }
    if (!listed.has(k)) {
      emit("      break;");
      emit("    }");
      continue;
    }
    emit(`      day${k}[n${k}] = day; index${k}[n${k}] = index;`);
    if (needsPass(k)) emit(`      pass${k}[n${k}] = pass;`);
    if (k === c.kindLesson)
      emit(
        `      { const given = lessons[row]; const w = given !== 0 ? given : 1; weight${k}[n${k}] = w; weightSum${k} += w; }`,
      );
    if (needsRow(k)) emit(`      row${k}[n${k}] = row;`);
    if (k === c.kindDay && illnessOfDays) emit(`      dayRow[n${k}] = row;`);
    emit(`      n${k}++;`);
    emit("      break;");
    emit("    }");
  }
  emit("  }");
  emit("}");
  for (const { i } of onLoad)
    emit(
      `for (let j = 0; j < m${i}; j++) { const d = occurrences${i}[j]; stubCount(ctx, R[${int(i)}], d, d, undefined); }`,
    );
  const D = c.kindDay;
  if (illnessOfDays) {
    // Continuous illness over the day rows, in their order (as the rows loaded).
    emit(`for (let i = 0; i < n${D}; i++) {`);
    emit("  const row = dayRow[i];");
    emit("  let g = -1;");
    emit("  const re = reason[row];");
    emit(`  if (re === ${int(c.reasonIllness)} || re === ${int(c.noReason)}) {`);
    emit("    const code = episode[row];");
    emit("    const episodeId = code < 0 ? undefined : episodeNames[code];");
    // An episodeId marks one continuous illness; a reason other than illness overrides it.
    emit(
      `    if (re === ${int(c.reasonIllness)} || episodeId !== undefined) g = addIllnessDay(index${D}[i], day${D}[i], episodeId);`,
    );
    emit("  }");
    emit(`  group${D}[i] = g;`);
    emit("}");
  }
  if (illnessOfDays) {
    emit(`const ill${D} = group${D};`);
    emit("if (illnessGroups.groups === 0) {");
    emit(`  for (let i = 0; i < n${D}; i++) ill${D}[i] = 0;`);
    emit("} else {");
    emit(`  finishIllnessGroups(n${D}, group${D}, day${D});`);
    emit("  const parent = regs.groupParent; const groupDays = regs.groupDays;");
    emit(
      `  for (let i = 0; i < n${D}; i++) { const first = group${D}[i]; ill${D}[i] = first < 0 ? 0 : groupDays[rootOf(parent, first)]; }`,
    );
    emit("}");
  }
  // An upper bound of a count (rows of its kind, or their lesson weight): below the threshold nothing can trip.
  const boundOf = (r: KernelRule): string =>
    r.kind === c.kindLesson && r.measure === "lessons" ? `weightSum${r.kind}` : `n${r.kind}`;
  const oncePerDayOf = (r: KernelRule): boolean => r.measure === "lesson_days" || r.kind === D;
  // A row counts for a filter: its pass bit, and (day rows) continuous illness shorter than the filter's minimum.
  const countsTest = (k: number, r: KernelRule, i: string): string => {
    const parts: string[] = [];
    if (!alwaysPasses(r.filter.bit)) parts.push(`(pass${k}[${i}] & ${int(r.filter.bit)}) !== 0`);
    if (r.filter.continuousIllnessMinDays > 0 && k === D && needsIllness)
      parts.push(`ill${D}[${i}] < ${int(r.filter.continuousIllnessMinDays)}`);
    return parts.length === 0 ? "true" : parts.join(" && ");
  };
  rules.forEach((r, i) => {
    const f = r.filter;
    if (r.typeCode === c.occurrence && f.continuousIllnessMinDays > 0) {
      const ks = kindsOf(r.kindMask);
      if (ks.length === 1) {
        const k = ks[0] as number;
        emit(
          `{ let last = ${NONE}; for (let i = 0; i < n${k}; i++) { const d = day${k}[i]; if (d !== last && ${countsTest(k, r, "i")}) { last = d; stubCount(ctx, R[${int(i)}], d, d, undefined); } } }`,
        );
      } else {
        // Several kinds: the days with a counted row, from each kind's list, sorted and each once.
        emit("{ const cand = lists.scratch; let m = 0;");
        for (const k of ks)
          emit(`  for (let i = 0; i < n${k}; i++) if (${countsTest(k, r, "i")}) cand[m++] = day${k}[i];`);
        emit("  const sorted = cand.subarray(0, m).sort(); let last = " + NONE + ";");
        emit(
          `  for (let j = 0; j < m; j++) { const d = sorted[j]; if (d !== last) { last = d; stubCount(ctx, R[${int(i)}], d, d, undefined); } } }`,
        );
      }
    } else if (r.typeCode === c.consecutive) {
      // Runs of counted days on consecutive school days (as evaluateConsecutive over collectDays).
      emit(`if (n${D} >= ${int(r.min)}) {`);
      emit(`  let lastD = ${NONE}; let lastIndex = ${NONE}; let first = 0; let length = 0; let tripDay = 0;`);
      emit(`  for (let i = 0; i < n${D}; i++) {`);
      emit(`    if (!(${countsTest(D, r, "i")})) continue;`);
      emit(`    const d = day${D}[i]; if (d === lastD) continue;`);
      emit(`    const x = index${D}[i];`);
      emit(
        `    if (length > 0 && x === lastIndex + 1) length++; else { if (length >= ${int(r.min)}) stubCount(ctx, R[${int(i)}], first, tripDay, undefined); first = d; length = 1; }`,
      );
      emit(`    if (length === ${int(r.min)}) tripDay = d;`);
      emit("    lastD = d; lastIndex = x;");
      emit("  }");
      emit(`  if (length >= ${int(r.min)}) stubCount(ctx, R[${int(i)}], first, tripDay, undefined);`);
      emit("}");
    } else if (r.typeCode === c.count && r.perSubject && r.windowType !== "since_case_opened" && used.has(r.kind)) {
      const k = r.kind;
      emit(
        `if (${boundOf(r)} >= ${int(r.min)}) evaluatePerSubject(ctx, R[${int(i)}], batch, n${k}, day${k}, index${k}, ${needsPass(k) ? `pass${k}` : "undefined"}, ${k === c.kindLesson ? `weight${k}` : "undefined"}, row${k});`,
      );
    }
  });
  // Count rules that count the same rows (Ørland's 3, 6 and 9 days) form a family: its rows are collected once.
  // Without a case, a window since the case opened counts nothing.
  const families = new Map<string, { r: KernelRule; i: number }[]>();
  rules.forEach((r, i) => {
    if (r.typeCode !== c.count || r.perSubject || r.windowType === "since_case_opened" || !used.has(r.kind)) return;
    const key = `${r.kind}|${r.filter.bit}|${oncePerDayOf(r)}|${r.measure === "lessons"}|${r.windowType}`;
    families.set(key, [...(families.get(key) ?? []), { r, i }]);
  });
  for (const family of families.values()) {
    const first = (family[0] as { r: KernelRule }).r;
    const k = first.kind;
    const oncePerDay = oncePerDayOf(first);
    const weight = first.measure === "lessons" ? `weight${k}[i]` : "1";
    const least = Math.min(...family.map(({ r }) => r.min));
    emit(`if (${boundOf(first)} >= ${int(least)}) {`);
    emit(`  let lastD = ${NONE};`);
    const type = first.windowType;
    if (type !== "rolling_school_days") {
      // Fixed windows, as evaluateFixedWindows over the collected rows: in each window, a threshold trips on the
      // row where the window's running sum reaches it, keyed by the window's first day.
      emit(`  let sum = 0; let windowFrom = 0; let windowTo = ${NONE}; let term = 0;`);
      for (const { i } of family) emit(`  let trip${i} = -1;`);
      const close = (indent: string): void => {
        for (const { r, i } of family) {
          const only = type === "term" && r.windowOnly !== 0 ? ` && term === ${int(r.windowOnly)}` : "";
          emit(`${indent}if (trip${i} >= 0${only}) stubCount(ctx, R[${int(i)}], windowFrom, trip${i}, undefined);`);
        }
      };
      emit(`  for (let i = 0; i < n${k}; i++) {`);
      emit(`    if (!(${countsTest(k, first, "i")})) continue;`);
      emit(`    const d = day${k}[i];`);
      if (oncePerDay) emit("    if (d === lastD) continue; lastD = d;");
      emit("    if (d > windowTo) {");
      close("      ");
      if (type === "school_year") emit("      windowFrom = yearStart; windowTo = asOfDay;");
      // Terms are the autumn from the school year's start and the spring from 1 January (calendar.termOf).
      else if (type === "term")
        emit(
          `      if (d < dc.term2Start) { windowFrom = yearStart; windowTo = dc.term2Start - 1; term = 1; } else { windowFrom = dc.term2Start; windowTo = ${NO_END}; term = 2; }`,
        );
      else if (type === "calendar_month") emit("      windowFrom = startOfMonth(d); windowTo = endOfMonth(d);");
      else if (type === "calendar_week") emit("      windowFrom = startOfIsoWeek(d); windowTo = windowFrom + 6;");
      else throw new Error(`ladder kernel: no window ${type}`);
      emit(`      sum = 0;${family.map(({ i }) => ` trip${i} = -1;`).join("")}`);
      emit("    }");
      emit(`    sum += ${weight};`);
      for (const { r, i } of family) emit(`    if (trip${i} < 0 && sum >= ${int(r.min)}) trip${i} = d;`);
      emit("  }");
      close("  ");
    } else {
      emit(
        `  items.reserve(n${k}); const itemDay = items.day; const itemIndex = items.index; const itemWeight = items.weight; let m = 0;`,
      );
      emit(`  for (let i = 0; i < n${k}; i++) {`);
      emit(`    if (!(${countsTest(k, first, "i")})) continue;`);
      emit(`    const d = day${k}[i];`);
      if (oncePerDay) emit("    if (d === lastD) continue; lastD = d;");
      emit(`    itemDay[m] = d; itemIndex[m] = index${k}[i]; itemWeight[m] = ${weight}; m++;`);
      emit("  }");
      emit("  items.n = m; items.droppedCount = 0;");
      for (const { r, i } of family) {
        emit(
          `  if (m > 0 && ${boundOf(r)} >= ${int(r.min)}) evaluateRollingWindow(ctx, R[${int(i)}], ${int(r.windowDays)}, undefined);`,
        );
      }
    }
    emit("}");
  }
  emit("itemsSource.valid = false;");
  emit("return true;");
  const body = `const { stubCount, items, itemsSource, startOfMonth, endOfMonth, startOfIsoWeek, evaluateRollingWindow, evaluatePerSubject, addIllnessDay, startIllnessGroups, finishIllnessGroups, rootOf, regs, illnessGroups, passTable, lists } = helpers;\n${constants.join("\n")}\nreturn function kernel(rows, dc, ctx, batch) {\n${src.join("\n")}\n};`;
  const factory = new Function("helpers", "ctxRules", body) as (
    helpers: object,
    rules: readonly KernelRule[],
  ) => Kernel<Rows, Day, Ctx, Batch>;
  return factory(helpers, rules);
}
