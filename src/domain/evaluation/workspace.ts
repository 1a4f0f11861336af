/**
 * The engine's working tables: one pupil's registrations, a rule's countable items, the trips found in lean mode,
 * and the scratch of picking events and marking continuous illness. An evaluation fills them and reads them back
 * before it returns; it allocates almost nothing for a pupil that trips nothing, because the typed arrays are
 * reused from one pupil to the next. So two evaluations must never share a workspace at the same time: see
 * enterWorkspace, which makes a re-entrant call fail loudly, and createWorkspace for a caller that needs its own.
 */
import type { AbsenceEvent } from "../absence";
import type { EpochDay } from "../dates";
import type { CompiledFilter } from "./compile";
import type { RegistrationColumns } from "./types";

export class Registrations {
  n = 0;
  day = new Int32Array(64);
  /** School-day index: consecutive school days differ by 1. */
  index = new Int32Array(64);
  kind = new Uint8Array(64);
  /** -1 not given, 0 undocumented, 1 documented. */
  documented = new Int8Array(64);
  reason = new Int8Array(64);
  agreed = new Uint8Array(64);
  lessons = new Int32Array(64);
  /** Bits of the ladder's filters whose documentation, reason and agreed tests the row passes (passTableOf). */
  pass = new Int32Array(64);
  /** Days in the continuous-illness episode this day belongs to (0: none), and its first and last day. */
  episodeDays = new Int32Array(64);
  episodeFrom = new Int32Array(64);
  episodeTo = new Int32Array(64);
  /** Periods of illness (each continuous illness, a lone illness day too) in the school year, once episodes are marked. */
  illnessPeriods = 0;
  /** Union-find scratch for episodes: group of each row, and parent/size/span of each group. */
  group = new Int32Array(64);
  groupParent = new Int32Array(64);
  groupDays = new Int32Array(64);
  groupFrom = new Int32Array(64);
  groupTo = new Int32Array(64);
  event: AbsenceEvent[] = [];
  /** Loaded from columns: subject and episode id per row come from its batch's dictionaries instead of `event`. */
  fromColumns = false;
  /**
   * Loaded row i is row `directFrom + i` of the only batch (nothing left out, already in day order): subject and
   * episode codes are read there, not copied into subjectCode/episodeCode/batchOf.
   */
  direct = false;
  directFrom = 0;
  batches: RegistrationColumns[] = [];
  batchCount = 0;
  batchOf = new Int32Array(64);
  subjectCode = new Int32Array(64);
  episodeCode = new Int32Array(64);
  /** Some day registration is illness or carries an episodeId (else no episode marking is needed). */
  hasIllness = false;
  /** Episodes are marked lazily, by the first rule whose filter looks at continuous illness. */
  episodesReady = false;

  // Upper bounds gathered while loading, so a rule that cannot trip is skipped without a pass (see mayTrip).
  /** Registrations per kind code. */
  kindCount = new Int32Array(5);
  /** Sum of the lesson weights of lesson registrations. */
  lessonWeight = 0;
  /** Distinct days with a whole-day registration (in all, and per term of the school year), and with a lesson registration. */
  dayCount = 0;
  term1Days = 0;
  term2Days = 0;
  lessonDayCount = 0;
  /** Longest run of whole-day absence on consecutive school days. */
  longestRun = 0;
  /** Bit masks of kinds with some documented (=== true) registration, and with some that is not. */
  documentedKinds = 0;
  notDocumentedKinds = 0;
  /** Bit mask of the reasons present. */
  reasons = 0;

  reserve(capacity: number): void {
    if (capacity <= this.day.length) return;
    const size = Math.max(capacity, this.day.length * 2);
    // Contents need not survive: the table is refilled for every pupil.
    this.day = new Int32Array(size);
    this.index = new Int32Array(size);
    this.kind = new Uint8Array(size);
    this.documented = new Int8Array(size);
    this.reason = new Int8Array(size);
    this.agreed = new Uint8Array(size);
    this.lessons = new Int32Array(size);
    this.pass = new Int32Array(size);
    this.episodeDays = new Int32Array(size);
    this.episodeFrom = new Int32Array(size);
    this.episodeTo = new Int32Array(size);
    this.group = new Int32Array(size);
    this.groupParent = new Int32Array(size);
    this.groupDays = new Int32Array(size);
    this.groupFrom = new Int32Array(size);
    this.groupTo = new Int32Array(size);
    this.batchOf = new Int32Array(size);
    this.subjectCode = new Int32Array(size);
    this.episodeCode = new Int32Array(size);
  }
}

/** Countable units for one rule: absence days, or lesson/late/left/not-in-class registrations with a weight. */
export class Items {
  n = 0;
  day = new Int32Array(64);
  index = new Int32Array(64);
  weight = new Int32Array(64);
  undocumented = new Uint8Array(64);
  /** Position of the registration in Registrations (for the subject). */
  reg = new Int32Array(64);
  /** Days dropped by maxRunLength, for the facts. */
  dropped = new Int32Array(64);
  droppedCount = 0;

  reserve(capacity: number): void {
    if (capacity <= this.day.length) return;
    const size = Math.max(capacity, this.day.length * 2);
    const day = new Int32Array(size);
    day.set(this.day);
    this.day = day;
    const index = new Int32Array(size);
    index.set(this.index);
    this.index = index;
    const weight = new Int32Array(size);
    weight.set(this.weight);
    this.weight = weight;
    const undocumented = new Uint8Array(size);
    undocumented.set(this.undocumented);
    this.undocumented = undocumented;
    const reg = new Int32Array(size);
    reg.set(this.reg);
    this.reg = reg;
    const dropped = new Int32Array(size);
    dropped.set(this.dropped);
    this.dropped = dropped;
  }

  push(day: EpochDay, index: number, weight: number, undocumented: boolean, reg: number): void {
    if (this.n === this.day.length) this.reserve(this.n + 1);
    const i = this.n++;
    this.day[i] = day;
    this.index[i] = index;
    this.weight[i] = weight;
    this.undocumented[i] = undocumented ? 1 : 0;
    this.reg[i] = reg;
  }
}

/** What a count rule's counted rows depend on: rules that differ only in threshold or window (Ørland's 3, 6 and 9 days) count the same rows. */
export interface CountSource {
  filter: CompiledFilter | undefined;
  kind: number;
  from: EpochDay;
  subject: string | undefined;
  oncePerDay: boolean;
}

/** Trips found in lean mode: key, trip day and step (-1 for a notice), in discovery order. */
export interface Stubs {
  n: number;
  day: Int32Array;
  step: Int32Array;
  key: string[];
}

/**
 * Continuous illness, built one illness day row at a time in day order, in regs' group tables: illness days
 * on consecutive school days form a group, and groups sharing an episodeId are joined (union-find).
 */
export interface IllnessGroups {
  groups: number;
  episodes: number;
  merged: boolean;
  lastIndex: number;
  lastGroup: number;
  /** The episode ids seen, and the first group of each. */
  episodeKeys: string[];
  episodeGroup: Int32Array;
}

/** The events of one pupil picked from the input (other pupils' and repeated ids left out), with their day, id fingerprint and school index. */
export interface Picked {
  events: AbsenceEvent[];
  count: number;
  day: Int32Array;
  print: Int32Array;
  index: Int32Array;
  /** Positions of the kept events in (day, id) order. */
  order: Int32Array;
}

/** Open-addressing table of picked positions + 1 (0: empty), keyed by id fingerprint; sized for the largest input seen. */
export interface IdTable {
  table: Int32Array;
  mask: number;
  /** The empty slot where findId stopped, for inserting a new id. */
  slot: number;
}

export interface Workspace {
  readonly regs: Registrations;
  readonly items: Items;
  /** What `items` currently holds, so rules that differ only in threshold or window reuse one collection. */
  readonly itemsSource: CountSource & { valid: boolean };
  readonly picked: Picked;
  readonly ids: IdTable;
  readonly illness: IllnessGroups;
  readonly stubs: Stubs;
  /** Per-subject scratch of the count rules (someSubjectMayTrip, evaluateCount). */
  subjectCounts: Int32Array;
  subjectBounds: Int32Array;
  /** True while an evaluation uses the tables (enterWorkspace). */
  busy: boolean;
}

export function createWorkspace(): Workspace {
  return {
    regs: new Registrations(),
    items: new Items(),
    itemsSource: { valid: false, filter: undefined, kind: 0, from: 0, subject: undefined, oncePerDay: false },
    picked: {
      events: [],
      count: 0,
      day: new Int32Array(64),
      print: new Int32Array(64),
      index: new Int32Array(64),
      order: new Int32Array(64),
    },
    ids: { table: new Int32Array(128), mask: 127, slot: 0 },
    illness: {
      groups: 0,
      episodes: 0,
      merged: false,
      lastIndex: Number.NaN,
      lastGroup: -1,
      episodeKeys: [],
      episodeGroup: new Int32Array(16),
    },
    stubs: { n: 0, day: new Int32Array(32), step: new Int32Array(32), key: [] },
    subjectCounts: new Int32Array(16),
    subjectBounds: new Int32Array(16),
    busy: false,
  };
}

/**
 * Marks the workspace in use for one evaluation; release it with leaveWorkspace (in a finally). The engine is
 * synchronous, so only a re-entrant call (an evaluation started from inside another on the same workspace) can
 * find it busy: that call throws instead of overwriting the tables the outer one is reading. A guard rather than a
 * workspace per call keeps bulk runs allocation-free (the benchmark's national year reuses one set of tables).
 */
export function enterWorkspace(ws: Workspace): void {
  if (ws.busy)
    throw new Error(
      "evaluation engine: workspace already in use (re-entrant evaluation); create another with createWorkspace()",
    );
  ws.busy = true;
}

export function leaveWorkspace(ws: Workspace): void {
  ws.busy = false;
}
