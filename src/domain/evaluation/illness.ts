/**
 * Continuous illness («sammenhengende sykdom»), built one illness day row at a time in day order, in the
 * registrations' group tables: illness days on consecutive school days form a group, and groups sharing an
 * episodeId are joined (union-find). markIllnessEpisodes and the benchmark's single pass both build it with these
 * steps.
 */
import type { EpochDay } from "../dates";
import { KIND_DAY, NO_REASON, REASON_ILLNESS } from "./compile";
import { episodeAt } from "./registrations";
import type { RegistrationColumns } from "./types";
import type { Workspace } from "./workspace";

export function startIllnessGroups(ws: Workspace): void {
  const illnessGroups = ws.illness;
  illnessGroups.groups = 0;
  illnessGroups.episodes = 0;
  illnessGroups.merged = false;
  illnessGroups.lastIndex = Number.NaN;
  illnessGroups.lastGroup = -1;
}

export function rootOf(parent: Int32Array, g: number): number {
  while (parent[g] !== g) g = parent[g] as number;
  return g;
}

/** Adds an illness day row (its school index, day and episodeId, if any) and returns its group. */
export function addIllnessDay(ws: Workspace, index: number, day: EpochDay, episodeId: string | undefined): number {
  const t = ws.illness;
  const { episodeKeys } = t;
  const { groupParent: parent, groupDays, groupFrom, groupTo } = ws.regs;
  let g: number;
  if (index === t.lastIndex || index === t.lastIndex + 1) g = t.lastGroup;
  else {
    g = t.groups++;
    parent[g] = g;
    groupDays[g] = 0;
    groupFrom[g] = day;
    groupTo[g] = -1;
  }
  // Rows come in day order, so a day after the group's current end is a new day of it.
  if (day > (groupTo[g] as number)) {
    groupDays[g] = (groupDays[g] as number) + 1;
    groupTo[g] = day;
  }
  if (episodeId !== undefined) {
    const episodes = t.episodes;
    let e = 0;
    // SameValueZero, as a Map key would compare.
    while (
      e < episodes &&
      episodeKeys[e] !== episodeId &&
      !(episodeKeys[e] !== episodeKeys[e] && episodeId !== episodeId)
    )
      e++;
    if (e === episodes) {
      episodeKeys[episodes] = episodeId;
      if (episodes === t.episodeGroup.length) {
        const grown = new Int32Array(episodes * 2);
        grown.set(t.episodeGroup);
        t.episodeGroup = grown;
      }
      t.episodeGroup[episodes] = g;
      t.episodes = episodes + 1;
    } else {
      const a = rootOf(parent, g);
      const b = rootOf(parent, t.episodeGroup[e] as number);
      if (a !== b) {
        parent[a] = b;
        t.merged = true;
      }
    }
  }
  t.lastIndex = index;
  t.lastGroup = g;
  return g;
}

/** After the last row (`group`: each row's group or -1): when episodes joined groups, their days and span are counted again at the root. */
export function finishIllnessGroups(ws: Workspace, n: number, group: Int32Array, days: Int32Array): void {
  const illnessGroups = ws.illness;
  if (!illnessGroups.merged) return;
  const { groupParent: parent, groupDays, groupFrom, groupTo } = ws.regs;
  for (let g = 0; g < illnessGroups.groups; g++) {
    groupDays[g] = 0;
    groupTo[g] = -1;
  }
  for (let i = 0; i < n; i++) {
    const first = group[i] as number;
    if (first < 0) continue;
    const root = rootOf(parent, first);
    const day = days[i] as number;
    if (day > (groupTo[root] as number)) {
      groupDays[root] = (groupDays[root] as number) + 1;
      groupTo[root] = day;
    }
    if (day < (groupFrom[root] as number)) groupFrom[root] = day;
  }
}

/**
 * Marks continuous illness on the loaded rows (as the single pass does while loading): each illness day row's
 * episode days, first and last day, and the periods of illness that reach into the school year from `yearStart`.
 */
export function markIllnessEpisodes(ws: Workspace, yearStart: EpochDay): void {
  const regs = ws.regs;
  const n = regs.n;
  const {
    group,
    groupParent: parent,
    groupDays,
    groupFrom,
    groupTo,
    episodeDays,
    episodeFrom,
    episodeTo,
    day: days,
    index: indices,
    kind,
    reason,
  } = regs;
  startIllnessGroups(ws);
  regs.illnessPeriods = 0;
  // Rows loaded as they are: their episode codes and dictionary are the one batch's, looked up once here.
  const direct = regs.direct;
  const batch = regs.batches[0] as RegistrationColumns;
  const directFrom = regs.directFrom;
  for (let i = 0; i < n; i++) {
    episodeDays[i] = 0;
    group[i] = -1;
    if (kind[i] !== KIND_DAY) continue;
    const re = reason[i] as number;
    if (re !== REASON_ILLNESS && re !== NO_REASON) continue;
    let episodeId: string | undefined;
    if (direct) {
      const code = batch.episode[directFrom + i] as number;
      episodeId = code < 0 ? undefined : batch.episodes[code];
    } else episodeId = episodeAt(regs, i);
    // An episodeId marks one continuous illness; a reason other than illness overrides it.
    if (re === NO_REASON && episodeId === undefined) continue;
    group[i] = addIllnessDay(ws, indices[i] as number, days[i] as number, episodeId);
  }
  if (ws.illness.groups === 0) return;
  finishIllnessGroups(ws, n, group, days);
  for (let g = 0; g < ws.illness.groups; g++)
    if (parent[g] === g && (groupTo[g] as number) >= yearStart) regs.illnessPeriods++;
  for (let i = 0; i < n; i++) {
    const first = group[i] as number;
    if (first < 0) continue;
    const root = rootOf(parent, first);
    episodeDays[i] = groupDays[root] as number;
    episodeFrom[i] = groupFrom[root] as number;
    episodeTo[i] = groupTo[root] as number;
  }
}
