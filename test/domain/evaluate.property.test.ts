import fc from "fast-check";
import { type AbsenceEvent, absenceKinds, absenceReasons } from "../../src/domain/absence";
import { formatIsoDate, parseIsoDate } from "../../src/domain/dates";
import type { Evaluation } from "../../src/domain/evaluation";
import { type PresetId, presetIds, presets } from "../../src/domain/ladders";
import { type RegistrationDraft, eventOfDraft, run } from "./helpers";

const firstDay = parseIsoDate("2025-08-18");
const lastDay = parseIsoDate("2026-06-19");

interface Draft extends RegistrationDraft {
  day: number;
}

// Weekends and holidays are in range on purpose: they must be ignored.
const draftArb: fc.Arbitrary<Draft> = fc.record(
  {
    day: fc.integer({ min: firstDay, max: lastDay }),
    kind: fc.constantFrom(...absenceKinds),
    documented: fc.boolean(),
    reason: fc.constantFrom(...absenceReasons),
    agreed: fc.boolean(),
    episodeId: fc.constantFrom("a", "b"),
    lessons: fc.integer({ min: 1, max: 4 }),
    subject: fc.constantFrom("norsk", "matematikk", "kroppsøving"),
  },
  { requiredKeys: ["day", "kind", "documented", "lessons", "subject"] },
);

// Dense drafts in a few weeks, so thresholds and runs are actually reached.
const denseDraftArb = draftArb.chain((d) =>
  fc.integer({ min: parseIsoDate("2025-09-01"), max: parseIsoDate("2025-10-24") }).map((day) => ({ ...d, day })),
);

function toEvent(d: Draft, index: number, prefix = "x"): AbsenceEvent {
  return eventOfDraft(d, d.day, `${prefix}${index}`);
}

const eventsArb = (prefix = "x") =>
  fc
    .array(fc.oneof(draftArb, denseDraftArb), { maxLength: 40, size: "+1" })
    .map((ds) => ds.map((d, i) => toEvent(d, i, prefix)));
const asOfArb = fc.integer({ min: parseIsoDate("2025-09-01"), max: lastDay }).map(formatIsoDate);
const presetArb = fc.constantFrom(...presetIds);

const rank = (step: number | null): number => (step === null ? -1 : step);

function withoutDuplicateCount(result: Evaluation): Evaluation {
  return { ...result, facts: { ...result.facts, ignored: { ...result.facts.ignored, duplicateId: 0 } } };
}

/** Presets whose exclusions never drop a counted day when another registration is added. */
const monotonePresets: PresetId[] = ["lillestrom", "molde-nordbyen", "orland-barnehage"];

describe("evaluate — properties", () => {
  test("when more absence is added and the previous result is passed on, then the step never goes down and old triggers never fire again", () => {
    fc.assert(
      fc.property(presetArb, eventsArb("a"), eventsArb("b"), asOfArb, (id, before, added, asOf) => {
        const first = run(presets[id], before, asOf);
        const second = run(presets[id], [...before, ...added], asOf, {
          previous: { step: first.step, firedKeys: first.newTriggerKeys },
        });
        expect(rank(second.step)).toBeGreaterThanOrEqual(rank(first.step));
        for (const key of second.newTriggerKeys) expect(first.newTriggerKeys).not.toContain(key);
      }),
    );
  });

  test.each(monotonePresets)(
    "when absence is added to %s even without a previous result, then the step never goes down",
    (id) => {
      fc.assert(
        fc.property(eventsArb("a"), eventsArb("b"), asOfArb, (before, added, asOf) => {
          expect(rank(run(presets[id], [...before, ...added], asOf).step)).toBeGreaterThanOrEqual(
            rank(run(presets[id], before, asOf).step),
          );
        }),
      );
    },
  );

  test("when absence without illness is added to Ørland skole, then the step never goes down (only continuous illness can un-count days)", () => {
    const noIllness = (events: AbsenceEvent[]) =>
      events.map(({ episodeId: _, ...e }) => (e.reason === "illness" ? { ...e, reason: "other" as const } : e));
    fc.assert(
      fc.property(eventsArb("a"), eventsArb("b"), asOfArb, (before, added, asOf) => {
        const a = noIllness(before);
        expect(rank(run(presets["orland-skole"], [...a, ...noIllness(added)], asOf).step)).toBeGreaterThanOrEqual(
          rank(run(presets["orland-skole"], a, asOf).step),
        );
      }),
    );
  });

  test("when the input order is shuffled, then nothing changes", () => {
    fc.assert(
      fc.property(
        presetArb,
        eventsArb(),
        asOfArb,
        fc.array(fc.double({ noNaN: true }), { minLength: 40, maxLength: 40 }),
        (id, events, asOf, keys) => {
          const shuffled = events
            .map((e, i) => ({ e, k: keys[i] ?? 0 }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          expect(run(presets[id], shuffled, asOf)).toEqual(run(presets[id], events, asOf));
        },
      ),
    );
  });

  test("when events are generated, then they reach steps often enough for the properties to mean something", () => {
    const samples = fc.sample(fc.tuple(presetArb, eventsArb(), asOfArb), { numRuns: 200, seed: 42 });
    const stepped = samples.filter(([id, events, asOf]) => run(presets[id], events, asOf).step !== null).length;
    expect(stepped).toBeGreaterThan(60);
    expect(stepped).toBeLessThan(200);
  });

  test("when the same events are passed twice (duplicated ids), then nothing changes but the duplicate count", () => {
    fc.assert(
      fc.property(presetArb, eventsArb(), asOfArb, (id, events, asOf) => {
        const once = run(presets[id], events, asOf);
        const twice = run(presets[id], [...events, ...events.map((e) => ({ ...e }))], asOf);
        expect(twice.facts.ignored.duplicateId).toBe(events.length);
        expect(withoutDuplicateCount(twice)).toEqual(withoutDuplicateCount(once));
      }),
    );
  });

  test("when any result is returned, then keys are unique, trips are not after asOf and deadlines are not before the trip", () => {
    fc.assert(
      fc.property(presetArb, eventsArb(), asOfArb, (id, events, asOf) => {
        const result = run(presets[id], events, asOf);
        expect(new Set(result.newTriggerKeys).size).toBe(result.newTriggerKeys.length);
        for (const trip of result.trips) {
          expect(trip.date <= asOf).toBe(true);
          if (trip.deadline !== null) expect(trip.deadline >= trip.date).toBe(true);
          expect(trip.text.length).toBeGreaterThan(0);
          expect(trip.key.startsWith(`${trip.ruleId}@`)).toBe(true);
        }
        const stepped = result.trips.filter((t) => t.step !== null).map((t) => t.step as number);
        expect(result.step).toBe(stepped.length === 0 ? null : Math.max(...stepped));
      }),
    );
  });
});
