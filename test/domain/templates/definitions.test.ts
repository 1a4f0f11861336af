import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseLadder } from "../../../src/domain/ladder";
import { presetDefinitions, presetIds, presets } from "../../../src/domain/ladders";
import { routineIds } from "../../../src/domain/routines";
import {
  type Localized,
  type TemplateDefinition,
  templateFor,
  templateIds,
  templatesForStep,
} from "../../../src/domain/templates";

const seedFiles = [
  "000_64cd6640a564b2a9.txt",
  "001_0e72a656cc5051f2.txt",
  "002_de3d4e1d3d707c60.txt",
  "003_e357b8ccbdc6fbc2.txt",
  "004_4daef63bed6edc9b.txt",
];

function isLocalized(value: unknown): value is Localized {
  return value !== null && typeof value === "object" && "nb" in value && "nn" in value && "en" in value;
}

/** Every Localized in the definition, with the path it was found at. */
function localizedIn(value: unknown, path = ""): [string, Localized][] {
  if (isLocalized(value)) return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => localizedIn(v, `${path}.${k}`));
  return [];
}

const all: [string, string, TemplateDefinition][] = routineIds.flatMap((ladder) =>
  templateIds.map((id) => [ladder, id, templateFor(id, ladder)] as [string, string, TemplateDefinition]),
);

describe("template definitions for every ladder", () => {
  test("when the template ladders are listed, then they are exactly the preset ladders", () => {
    expect([...routineIds].sort()).toEqual([...presetIds].sort());
  });

  test.each(all)("when %s asks for %s, then it has steps, each citing a seed file", (_ladder, id, definition) => {
    expect(definition.id).toBe(id);
    expect(definition.steps.length).toBeGreaterThan(0);
    expect(seedFiles.some((f) => definition.source.includes(f))).toBe(true);
    for (const step of definition.steps) {
      expect(seedFiles.some((f) => step.source.includes(f))).toBe(true);
      expect(step.guidance.length + step.fields.length).toBeGreaterThan(0);
    }
  });

  test.each(all)("when %s asks for %s, then step ids and field ids are unique", (_ladder, _id, definition) => {
    const stepIds = definition.steps.map((s) => s.id);
    expect(new Set(stepIds).size).toBe(stepIds.length);
    const fieldIds = definition.steps.flatMap((s) => s.fields.map((f) => f.id));
    expect(new Set(fieldIds).size).toBe(fieldIds.length);
  });

  test.each(all)("when %s asks for %s, then every text has bokmål, nynorsk and English", (_ladder, _id, definition) => {
    const texts = localizedIn(definition);
    expect(texts.length).toBeGreaterThan(5);
    const empty = texts.filter(([, t]) => !t.nb.trim() || !t.nn.trim() || !t.en.trim()).map(([path]) => path);
    expect(empty).toEqual([]);
  });

  test.each(all)(
    "when %s asks for %s, then choice fields have unique choice ids and measure fields name their areas",
    (_ladder, _id, definition) => {
      for (const field of definition.steps.flatMap((s) => s.fields)) {
        if (field.kind === "choice" || field.kind === "multiChoice" || field.kind === "measures") {
          const ids = (field.choices ?? []).map((c) => c.id);
          expect(ids.length).toBeGreaterThan(0);
          expect(new Set(ids).size).toBe(ids.length);
        }
        if (field.kind === "measures")
          expect(field.choices?.map((c) => c.id)).toEqual(["skole", "hjem", "fritid", "elev"]);
      }
    },
  );

  test("when a template is asked for twice, then the same frozen definition comes back", () => {
    const a = templateFor("phone_call", "molde-nordbyen");
    expect(templateFor("phone_call", "molde-nordbyen")).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.steps[0]?.fields[0])).toBe(true);
  });

  test("when a custom ladder asks for a template, then it gets the common form with generic steps", () => {
    const definition = templateFor("phone_call", "my-own-ladder");
    expect(definition.steps.map((s) => s.id)).toEqual(templateFor("phone_call", "orland-skole").steps.map((s) => s.id));
    expect(
      definition.steps
        .at(-1)
        ?.fields.find((f) => f.id === "assessed_step")
        ?.choices?.map((c) => c.id),
    ).toEqual(["0", "1", "2", "3", "4", "5"]);
  });

  test("when an unknown template id is asked for, then it throws", () => {
    expect(() => templateFor("tea_party" as never, "molde-nordbyen")).toThrow(RangeError);
  });

  test("the seed files cited exist in the shared specification", () => {
    const dir = "/work/shared/seeds";
    if (!existsSync(dir)) return; // the specification is not shipped with the app
    for (const file of seedFiles) expect(existsSync(join(dir, file))).toBe(true);
  });
});

describe("telefonsamtale hjem", () => {
  test("when the ladder is Molde, then the phone call has the 7 steps of 002 §2.4 in order", () => {
    const definition = templateFor("phone_call", "molde-nordbyen");
    expect(definition.steps.map((s) => s.id)).toEqual([
      "pattern",
      "call",
      "describe",
      "natural_cause",
      "thriving",
      "meeting",
      "document",
    ]);
    definition.steps.forEach((step, i) => expect(step.source).toContain(`002_de3d4e1d3d707c60.txt §2.4 pkt. ${i + 1}`));
    expect(definition.steps[1]?.guidance.map((g) => g.nb).join(" ")).toContain("nærværsløftet");
    expect(definition.steps[6]?.guidance[0]?.nb).toContain("fraværslogg");
    expect(definition.steps[6]?.guidance[0]?.nb).toContain("elevlogg");
  });

  test("when step 1 of the Molde call is shown, then it asks the five pattern questions of pkt. 1", () => {
    const step = templateFor("phone_call", "molde-nordbyen").steps[0];
    expect(step?.fields.map((f) => f.id)).toEqual([
      "pattern_days",
      "pattern_runs",
      "pattern_late_left",
      "pattern_activities",
      "pattern_appointments",
    ]);
    expect(step?.fields[0]?.label.nb).toContain("mandager");
  });

  test("when the call ends, then it records natural cause, thriving, meeting, cause categories and next contact", () => {
    const fields = new Map(
      templateFor("phone_call", "molde-nordbyen")
        .steps.flatMap((s) => s.fields)
        .map((f) => [f.id, f]),
    );
    expect(fields.get("natural_cause")?.kind).toBe("choice");
    expect(fields.get("thriving")?.kind).toBe("choice");
    expect(fields.get("thriving_note")?.kind).toBe("text");
    expect(fields.get("meeting_needed")?.kind).toBe("choice");
    expect(fields.get("guardian_causes")?.kind).toBe("multiChoice");
    // The guardians' own words, with optional categories: the areas of the whole pupil, not the pupil's cause cards.
    expect(fields.get("guardians_view")?.kind).toBe("text");
    expect(fields.get("guardian_causes")?.choices?.map((c) => c.id)).toEqual([
      "area_school",
      "area_leisure",
      "area_pupil",
      "area_home",
      "illness",
      "unknown",
    ]);
    // «Dato for nytt møte eller annen kontakt» (§2.8) is the one date of step 6.
    expect(fields.get("meeting_date")?.kind).toBe("date");
    expect(fields.has("next_contact_date")).toBe(false);
    expect(fields.get("assessed_step")?.choices?.map((c) => c.label.nb)).toEqual([
      "Nivå 0",
      "Nivå 1",
      "Nivå 2",
      "Nivå 3",
    ]);
  });

  test("when the ladder is Lillestrøm, then the call follows 001 «Første kontakt med hjemmet» (6 points) and documents in elevmappen", () => {
    const definition = templateFor("phone_call", "lillestrom");
    expect(definition.steps.map((s) => s.id)).toEqual([
      "pattern",
      "call",
      "describe",
      "thriving",
      "outlook",
      "meeting",
      "document",
    ]);
    definition.steps
      .slice(0, 6)
      .forEach((step, i) =>
        expect(step.source).toContain(`«Første kontakt med hjemmet – støtte til første telefon hjem» pkt. ${i + 1}`),
      );
    expect(definition.steps[4]?.guidance[0]?.nb).toContain("fraværet vil minske uten at det settes inn tiltak");
    expect(definition.steps[6]?.guidance[0]?.nb).toBe("Dokumenter i elevmappen.");
    expect(definition.steps[6]?.fields.find((f) => f.id === "assessed_step")?.choices?.map((c) => c.id)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
  });

  test("when the ladder is Tynset, then the call asks for consent to discuss the case in the interdisciplinary team (004 pkt. 2)", () => {
    const meeting = templateFor("phone_call", "tynset-nord-osterdal").steps.find((s) => s.id === "meeting");
    expect(meeting?.fields.map((f) => f.id)).toContain("consent");
    expect(meeting?.source).toContain("004_4daef63bed6edc9b.txt");
    expect(
      templateFor("phone_call", "orland-skole")
        .steps.find((s) => s.id === "meeting")
        ?.fields.map((f) => f.id),
    ).not.toContain("consent");
  });

  test("when the ladder is Ørland's kindergarten, then the texts speak of barnet and barnehagen, not eleven and skolen", () => {
    const definition = templateFor("phone_call", "orland-barnehage");
    const texts = localizedIn(definition).map(([, t]) => t);
    expect(texts.some((t) => /\bbarnet\b/.test(t.nb))).toBe(true);
    expect(texts.filter((t) => /\beleven\b|\bskolen\b|\bkontaktlærer\b/i.test(t.nb)).map((t) => t.nb)).toEqual([]);
    expect(texts.filter((t) => /\bthe pupil\b|\bschool\b/i.test(t.en)).map((t) => t.en)).toEqual([]);
    expect(definition.steps[0]?.fields.map((f) => f.id)).not.toContain("pattern_activities");
  });
});

describe("nærværsmøte", () => {
  test("when the ladder is Molde, then the meeting has the seed's seven points, and the four areas come in the seed's order: school first, home last (002 §2.5 pkt. 4 a–d)", () => {
    const definition = templateFor("attendance_meeting", "molde-nordbyen");
    const ids = definition.steps.map((s) => s.id);
    expect(ids).toEqual(["welcome", "purpose", "ladder", "areas", "summary", "measures", "document"]);
    definition.steps.forEach((step, i) => expect(step.source).toContain(`§2.5 pkt. ${i + 1}`));
    const areas = definition.steps[3]!.fields.filter((f) => f.id.endsWith("_topics")).map((f) => f.id);
    expect(areas).toEqual(["skole_topics", "fritid_topics", "elev_topics", "hjem_topics"]);
    expect(ids.indexOf("areas")).toBeLessThan(ids.indexOf("summary"));
    expect(ids.indexOf("summary")).toBeLessThan(ids.indexOf("measures"));
    expect(definition.steps[2]?.showsLadder).toBe(true);
  });

  test("when the areas are shown, then they carry the seed's own prompts", () => {
    const steps = templateFor("attendance_meeting", "molde-nordbyen").steps;
    const prompts = steps.find((s) => s.id === "areas")!.guidance.map((g) => g.nb);
    expect(prompts).toEqual(
      expect.arrayContaining([
        "Er det noe på skolen som kan forklare fraværet? (relasjoner, situasjoner, strukturer, krav ol.)",
        "Er det noe på fritiden som kan forklare fraværet? (relasjoner, situasjoner, aktiviteter ol.)",
        "Kan eleven tenke seg til hva som kan forklare fraværet? (sykdom, trivsel, relasjoner, sårbarheter ol.)",
        "Er det noe hjemme som kan forklare fraværet? (relasjoner, rutiner ol.)",
      ]),
    );
  });

  test.each(routineIds)(
    "when the ladder is %s, then the meeting starts the areas with school and has measures, main goal and plan B",
    (ladder) => {
      const steps = templateFor("attendance_meeting", ladder).steps;
      const areaFields = steps.flatMap((s) => s.fields).filter((f) => f.id.endsWith("_topics"));
      expect(areaFields[0]?.id).toBe("skole_topics");
      const fields = new Map(steps.flatMap((s) => s.fields).map((f) => [f.id, f]));
      expect(fields.get("measures")?.kind).toBe("measures");
      expect(fields.get("measures")?.required).toBe(true);
      expect(fields.get("status")?.kind).toBe("text");
      expect(fields.get("main_goal")?.required).toBe(true);
      expect(fields.get("plan_b")?.kind).toBe("text");
      expect(fields.get("next_meeting_date")?.kind).toBe("date");
    },
  );

  test("when the ladder is Lillestrøm, then it is the kartleggingssamtale with 001's order: skole, hjem, fritid, elev", () => {
    const definition = templateFor("attendance_meeting", "lillestrom");
    expect(definition.title.nb).toBe("Kartleggingssamtale");
    expect(definition.steps.map((s) => s.id).filter((id) => id.startsWith("area_"))).toEqual([
      "area_skole",
      "area_hjem",
      "area_fritid",
      "area_elev",
    ]);
    expect(definition.steps.find((s) => s.id === "measures")?.guidance.map((g) => g.nb)).toContain(
      "Tiltak skal alltid utformes sammen med eleven!",
    );
  });

  test("when Molde decides measures, then the seed's three weeks and the services to consider are named", () => {
    const step = templateFor("attendance_meeting", "molde-nordbyen").steps.find((s) => s.id === "measures");
    expect(step?.guidance[0]?.nb).toContain("3 uker");
    expect(step?.fields.find((f) => f.id === "services")?.choices?.map((c) => c.id)).toEqual(
      expect.arrayContaining(["school_nurse", "family_counsellor", "ergo_physio"]),
    );
    // Consent is recorded one way: the meeting offers the samtykkeerklæring instead of a radio of its own.
    expect(step?.fields.find((f) => f.id === "consent")).toBeUndefined();
    expect(step?.offers).toEqual(["consent"]);
  });
});

describe("undringssamtaler and kartlegging", () => {
  test("when the pupil talk is walked, then it follows 003's three phases and rates 002 §2.1 areas on the §2.2 stress scale", () => {
    const definition = templateFor("wonder_talk_pupil", "molde-nordbyen");
    const ids = definition.steps.map((s) => s.id);
    expect(ids[0]).toBe("contact");
    expect(ids[1]).toBe("free_story");
    expect(ids.at(-1)).toBe("closing");
    const areas = definition.steps.flatMap((s) => s.fields).filter((f) => f.id.startsWith("area_"));
    expect(areas.length).toBeGreaterThan(30);
    for (const area of areas)
      expect(area.choices?.map((c) => c.label.nb)).toEqual(["Ingen problem", "OK", "Vanskelig", "Umulig"]);
  });

  test("when the guardians talk is walked, then it has 003's seven points with goal and evaluation time", () => {
    const definition = templateFor("wonder_talk_guardians", "molde-nordbyen");
    expect(definition.steps).toHaveLength(7);
    definition.steps.forEach((s, i) => expect(s.source).toContain(`«Forslag til struktur» ${i + 1}`));
    const goal = definition.steps.find((s) => s.id === "goal");
    expect(goal?.fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ["goal", "text", true],
      ["evaluation_date", "date", true],
    ]);
  });

  test("when the vulnerability mapping is walked, then the 002 §2.7 checklist is multiChoice: feelings, behaviour, social, physical, parents", () => {
    const definition = templateFor("vulnerability_mapping", "molde-nordbyen");
    const lists = definition.steps.flatMap((s) => s.fields).filter((f) => f.kind === "multiChoice");
    expect(lists.map((f) => f.id)).toEqual([
      "emotional_signs",
      "behaviour_signs",
      "social_signs",
      "physical_signs",
      "parents_signs",
    ]);
    expect(lists[0]?.choices?.[0]?.label.nb).toBe("Innadvendt, trist, tilbaketrukket");
    expect(lists[4]?.choices?.map((c) => c.label.nb)).toContain("Foreldre med rusmisbruk");
  });
});

describe("templatesForStep", () => {
  test("when Molde is on level 0, then the phone call, the talk with the pupil and the absence message are offered", () => {
    expect(templatesForStep("molde-nordbyen", 0)).toEqual(["phone_call", "wonder_talk_pupil", "absence_message"]);
  });

  test("when Molde is on level 1 or 2, then the nærværsmøte and the talk with guardians are offered; level 2 adds the vulnerability mapping", () => {
    for (const level of [1, 2])
      expect(templatesForStep("molde-nordbyen", level)).toEqual(
        expect.arrayContaining(["attendance_meeting", "wonder_talk_guardians"]),
      );
    expect(templatesForStep("molde-nordbyen", 1)).not.toContain("vulnerability_mapping");
    expect(templatesForStep("molde-nordbyen", 2)).toContain("vulnerability_mapping");
  });

  test("when Lillestrøm is on trinn 1, then the phone call comes first; on trinn 2 the kartleggingssamtale", () => {
    expect(templatesForStep("lillestrom", 1)[0]).toBe("phone_call");
    expect(templatesForStep("lillestrom", 2)[0]).toBe("attendance_meeting");
  });

  test("when the kindergarten is on any step, then no talk with the child alone is offered", () => {
    for (const step of [0, 1, 2, 3])
      expect(templatesForStep("orland-barnehage", step)).not.toContain("wonder_talk_pupil");
  });

  test("when a ladder has the step, then something is offered; when it does not or there is no step, nothing", () => {
    for (const id of presetIds) {
      for (const step of presets[id].steps.map((s) => s.number))
        expect(templatesForStep(id, step).length).toBeGreaterThan(0);
    }
    expect(templatesForStep("molde-nordbyen", 7)).toEqual([]);
    expect(templatesForStep("lillestrom", 0)).toEqual([]);
    expect(templatesForStep("molde-nordbyen", null)).toEqual([]);
    expect(templatesForStep("custom", 0)).toContain("phone_call");
  });

  test("when a custom ladder's step names its templates, then it offers exactly those, in that order", () => {
    const ladder = parseLadder({
      ...presetDefinitions["orland-skole"],
      id: "egen",
      steps: presetDefinitions["orland-skole"].steps.map((step) =>
        step.number === 1
          ? { ...step, templates: ["wonder_talk_guardians", "phone_call"] }
          : { ...step, templates: undefined },
      ),
    });
    expect(templatesForStep("custom:egen", 1, ladder)).toEqual(["wonder_talk_guardians", "phone_call"]);
    expect(templatesForStep("custom:egen", 2, ladder)).toEqual(templatesForStep("custom:egen", 2));
    expect(templatesForStep("custom:egen", 1)).toEqual([
      "phone_call",
      "attendance_meeting",
      "wonder_talk_pupil",
      "consent",
    ]);
  });

  test("when a custom ladder's step names an empty list, then it offers nothing", () => {
    const ladder = { steps: [{ number: 0, templates: [] }] };
    expect(templatesForStep("custom:egen", 0, ladder as never)).toEqual([]);
  });

  test("when a preset's id comes with another ladder, then the routine's own step templates still decide", () => {
    const other = { steps: [{ number: 0, templates: ["consent"] }] };
    expect(templatesForStep("molde-nordbyen", 0, other as never)).toEqual(templatesForStep("molde-nordbyen", 0));
  });

  test("when the list is changed by a caller, then the next call is not affected", () => {
    const offered = templatesForStep("molde-nordbyen", 0);
    offered.pop();
    expect(templatesForStep("molde-nordbyen", 0)).toHaveLength(3);
  });
});
