import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type LadderDefinition,
  LadderValidationError,
  applySettingOverrides,
  ladderSchema,
  minimumCount,
  parseLadder,
} from "../../src/domain/ladder";
import { findPreset, isPresetId, presetDefinitions, presetIds, presets } from "../../src/domain/ladders";
import { absence, days, run } from "./helpers";

const seedFiles = [
  "000_64cd6640a564b2a9.txt",
  "001_0e72a656cc5051f2.txt",
  "002_de3d4e1d3d707c60.txt",
  "003_e357b8ccbdc6fbc2.txt",
  "004_4daef63bed6edc9b.txt",
];

/** A small valid ladder to break in different ways. */
function minimal(): LadderDefinition {
  return {
    formatVersion: 1,
    id: "test",
    name: "Test",
    municipality: "Test",
    institution: "school",
    source: "test",
    settings: {
      limit: { label: "grense", value: { atLeast: 2 }, options: [{ atLeast: 2 }, { atLeast: 3 }], source: "test" },
    },
    earlySigns: [{ id: "tegn", label: "Et tegn", source: "test" }],
    steps: [
      {
        number: 0,
        name: "Null",
        holders: [{ role: "contact_teacher", title: "Kontaktlærer" }],
        actions: ["Ring hjem."],
        source: "test",
      },
    ],
    rules: [
      {
        id: "r",
        label: "Regel",
        step: 0,
        source: "test",
        trigger: { type: "count", measure: "days", window: { type: "school_year" }, threshold: { setting: "limit" } },
      },
    ],
  };
}

function issuesOf(input: unknown): string {
  try {
    parseLadder(input);
  } catch (error) {
    expect(error).toBeInstanceOf(LadderValidationError);
    return (error as Error).message;
  }
  throw new Error("expected the ladder to be rejected");
}

describe("ladder format", () => {
  test.each(presetIds)("when preset %s is parsed by the same schema as custom files, then it is valid", (id) => {
    const result = ladderSchema.safeParse(presetDefinitions[id]);
    expect(result.success).toBe(true);
    expect(presets[id].id).toBe(id);
  });

  test.each(presetIds)("when preset %s is read, then every step, rule, sign and setting cites a seed file", (id) => {
    const ladder = presets[id];
    const sources = [
      ...ladder.steps.map((s) => s.source),
      ...ladder.rules.map((r) => r.source),
      ...ladder.earlySigns.map((s) => s.source),
      ...Object.values(ladder.settings).map((s) => s.source),
    ];
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(seedFiles.some((f) => source.includes(f))).toBe(true);
  });

  test.each(presetIds)(
    "when preset %s is read, then its rules' steps exist and notices have holders and actions",
    (id) => {
      const ladder = presets[id];
      for (const rule of ladder.rules) {
        if (rule.step === undefined) {
          expect(rule.holders?.length).toBeGreaterThan(0);
          expect(rule.actions?.length).toBeGreaterThan(0);
        } else expect(ladder.steps.map((s) => s.number)).toContain(rule.step);
      }
    },
  );

  test("when the preset index is asked for ids, then only preset ids are found", () => {
    expect(isPresetId("lillestrom")).toBe(true);
    expect(isPresetId("oslo")).toBe(false);
    expect(findPreset("molde-nordbyen")?.name).toContain("Nærværsløftet");
    expect(findPreset("custom:x.json")).toBeUndefined();
  });

  test("when the worked example in docs/ladders.md is parsed, then it is a valid ladder", () => {
    const markdown = readFileSync(join(__dirname, "../../docs/ladders.md"), "utf8");
    const blocks = [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    const example = blocks.find((b) => b.includes('"formatVersion"'));
    expect(example).toBeDefined();
    const ladder = parseLadder(JSON.parse(example as string));
    expect(ladder.id).toBe("eksempel-kommune");
    expect(ladder.rules.map((r) => r.trigger.type)).toEqual(
      expect.arrayContaining(["count", "consecutive_days", "occurrence", "early_sign"]),
    );
  });

  test("when a threshold says «over N», then N + 1 is the first count that trips; «N eller flere» trips at N", () => {
    expect(minimumCount({ moreThan: 4 })).toBe(5);
    expect(minimumCount({ atLeast: 4 })).toBe(4);
  });

  describe("when a ladder is broken, then parseLadder says what is wrong", () => {
    test.each<[string, (l: LadderDefinition) => void, string]>([
      [
        "an unknown setting",
        (l) =>
          void ((l.rules as { trigger: unknown }[])[0]!.trigger = {
            type: "count",
            measure: "days",
            window: { type: "school_year" },
            threshold: { setting: "nope" },
          }),
        "unknown setting nope",
      ],
      [
        "a setting of the wrong type",
        (l) =>
          void ((l.rules as { trigger: unknown }[])[0]!.trigger = {
            type: "count",
            measure: "days",
            window: { setting: "limit" },
            threshold: { atLeast: 2 },
          }),
        "must be a window",
      ],
      [
        "a rule on a missing step",
        (l) => void ((l.rules as { step?: number }[])[0]!.step = 4),
        "step 4 is not defined",
      ],
      ["a duplicated rule id", (l) => void (l.rules as unknown[]).push(l.rules![0]), "defined twice"],
      [
        "a notice without holders",
        (l) =>
          void ((l.rules as { step?: number; actions?: string[] }[])[0] = {
            ...l.rules![0]!,
            step: undefined,
            actions: ["Gjør noe."],
          }),
        "needs its own holders",
      ],
      [
        "an early sign rule naming an unknown sign",
        (l) =>
          void (l.rules as unknown[]).push({
            id: "s",
            label: "S",
            step: 0,
            source: "test",
            trigger: { type: "early_sign", signs: ["ukjent"] },
          }),
        "unknown early sign",
      ],
      [
        "a value outside the options",
        (l) => void (l.settings!.limit!.value = { atLeast: 9 }),
        "value must be one of options",
      ],
      [
        "a negative «over»",
        (l) =>
          void ((l.rules as { trigger: unknown }[])[0]!.trigger = {
            type: "count",
            measure: "days",
            window: { type: "school_year" },
            threshold: { moreThan: -1 },
          }),
        "threshold",
      ],
      [
        "perSubject on days",
        (l) =>
          void ((l.rules as { trigger: unknown }[])[0]!.trigger = {
            type: "count",
            measure: "days",
            perSubject: true,
            window: { type: "school_year" },
            threshold: { atLeast: 2 },
          }),
        "perSubject",
      ],
      ["an unknown field", (l) => void ((l as Record<string, unknown>).extra = 1), "extra"],
    ])("%s", (_, breakIt, message) => {
      const ladder = minimal();
      breakIt(ladder);
      expect(issuesOf(ladder)).toContain(message);
    });
  });

  test("when a step names the templates it offers, then the parsed ladder keeps them in their order", () => {
    const ladder = minimal();
    ladder.steps[0]!.templates = ["wonder_talk_guardians", "phone_call"];
    expect(parseLadder(ladder).steps[0]!.templates).toEqual(["wonder_talk_guardians", "phone_call"]);
  });

  test("when a step names an unknown template or one twice, then the message names the step, the field and the known ids", () => {
    const ladder = minimal();
    ladder.steps[0]!.templates = ["phone_call", "telefon", "phone_call"];
    const message = issuesOf(ladder);
    expect(message).toContain('steps.0.templates.1: step 0 names the unknown template "telefon" in templates');
    expect(message).toContain("known: phone_call, absence_message, attendance_meeting");
    expect(message).toContain("steps.0.templates.2: step 0 names the template phone_call twice in templates");
  });

  test("when every preset step is read, then it names the templates it offers", () => {
    for (const id of presetIds)
      for (const step of presets[id].steps) expect(step.templates?.length ?? 0).toBeGreaterThan(0);
  });

  test("when a school overrides a setting, then a new ladder is returned and the preset is unchanged", () => {
    const ladder = parseLadder(minimal());
    const stricter = applySettingOverrides(ladder, { limit: { atLeast: 3 } });
    expect(stricter.settings.limit?.value).toEqual({ atLeast: 3 });
    expect(ladder.settings.limit?.value).toEqual({ atLeast: 2 });
    expect(run(ladder, days(["2025-09-01", "2025-09-03"])).step).toBe(0);
    expect(run(stricter, days(["2025-09-01", "2025-09-03"])).step).toBeNull();
    expect(run(stricter, days(["2025-09-01", "2025-09-03", "2025-09-05"])).step).toBe(0);
  });

  test.each<[string, Record<string, unknown>, string]>([
    ["an unknown setting", { nope: 1 }, "Unknown setting"],
    ["a value outside the options", { limit: { atLeast: 5 } }, "value must be one of options"],
    ["a value that is no setting value at all", { limit: { atLeast: "fire" } }, "Invalid value for setting limit"],
  ])("when a school overrides %s, then it is rejected", (_, overrides, message) => {
    const ladder = parseLadder(minimal());
    expect(() => applySettingOverrides(ladder, overrides as never)).toThrow(message);
  });

  test("when an early-sign ladder gets a report of a sign it does not list, then nothing trips", () => {
    const ladder = parseLadder(minimal());
    expect(
      run(ladder, [absence("2025-09-01")], "2025-09-02", {
        earlySigns: [{ signId: "ikke-i-lista", date: "2025-09-01" }],
      }).trips,
    ).toEqual([]);
  });
});
