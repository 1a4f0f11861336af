import type { AbsenceEvent } from "../../src/domain/absence";
import { parseIsoDate } from "../../src/domain/dates";
import { NO_REASON, filterCodeOf, kindCodeOf, reasonCodeOf } from "../../src/domain/evaluation/compile";
import type { RegistrationColumns } from "../../src/domain/evaluation/types";

/**
 * Column batch of AbsenceEvents, in the given order (ids are dropped: leave out repeated ids first). Used to
 * turn a day's new registrations into a batch that evaluates together with the columns already held.
 */
export function columnsFromEvents(events: readonly AbsenceEvent[]): RegistrationColumns {
  const n = events.length;
  const columns = {
    day: new Int32Array(n),
    kind: new Uint8Array(n),
    documented: new Int8Array(n),
    reason: new Int8Array(n),
    agreed: new Uint8Array(n),
    filterCode: new Uint8Array(n),
    lessons: new Uint8Array(n),
    subject: new Int32Array(n),
    subjects: [] as string[],
    episode: new Int32Array(n),
    episodes: [] as string[],
  };
  const subjectCodes = new Map<string, number>();
  const episodeCodes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const e = events[i] as AbsenceEvent;
    const kind = e.kind;
    columns.day[i] = parseIsoDate(e.date);
    columns.kind[i] = kindCodeOf(kind);
    columns.documented[i] = e.documented === undefined ? -1 : e.documented ? 1 : 0;
    columns.reason[i] = e.reason === undefined ? NO_REASON : reasonCodeOf(e.reason);
    columns.agreed[i] = e.agreed === true ? 1 : 0;
    columns.filterCode[i] = filterCodeOf(
      columns.documented[i] as number,
      columns.reason[i] as number,
      columns.agreed[i] as number,
    );
    columns.lessons[i] = kind === "lesson" ? (e.lessons ?? 0) : 0;
    columns.subject[i] = codeOf(e.subject, subjectCodes, columns.subjects);
    columns.episode[i] = kind === "day" ? codeOf(e.episodeId, episodeCodes, columns.episodes) : -1;
  }
  return columns;
}

function codeOf(value: string | undefined, codes: Map<string, number>, names: string[]): number {
  if (value === undefined) return -1;
  let code = codes.get(value);
  if (code === undefined) {
    code = names.length;
    codes.set(value, code);
    names.push(value);
  }
  return code;
}
