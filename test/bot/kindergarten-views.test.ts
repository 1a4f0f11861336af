import { buildMeasureEvaluationView } from "../../src/bot/views/measure-evaluation-view";

const schoolWords: Record<string, RegExp> = {
  nb: /(?<!\p{L})(elev|kontaktlær|skole)/iu,
  nn: /(?<!\p{L})(elev|kontaktlær|skule)/iu,
  en: /(?<!\p{L})(pupil|contact teacher|school)/iu,
};

/** Every string in a view, with where it sits. */
function strings(value: unknown, path = ""): [string, string][] {
  if (typeof value === "string") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) =>
      k === "data" || k === "backData" ? [] : strings(v, `${path}.${k}`),
    );
  return [];
}

describe("the evaluation card of a kindergarten child (000 Del 4 Trinn 2: «evalueres etter ca. 1 måned sammen med foresatte»)", () => {
  test.each(["nb", "nn", "en"] as const)(
    "when it is shown in %s, then it speaks of the child and the kindergarten, not a pupil and a school",
    (language) => {
      const view = buildMeasureEvaluationView({
        pupil: { id: "k1", name: "Nora Barn", schoolId: "b1", grade: 1, className: "Blå", contactTeacherIds: ["t1"] },
        due: [
          {
            id: "measure:d1:0",
            pupilId: "k1",
            draftId: "d1",
            agreedAt: "2026-11-16T10:00:00Z",
            status: "active",
            area: "hjem",
            measure: "Fast levering kl. 08.30",
            responsible: "Foreldre",
            evaluationDate: "2026-12-14",
          },
        ],
        nextStep: null,
        basis: {
          mainGoal: "Nora kommer i barnehagen hver dag",
          startedOn: "2026-11-16",
          since: { from: "2026-11-16", to: "2026-12-14", schoolDays: 21, days: 2, lessons: 0, late: 1 },
          before: { from: "2026-10-15", to: "2026-11-13", schoolDays: 21, days: 6, lessons: 0, late: 3 },
        },
        language,
        institution: "kindergarten",
        today: "2026-12-14",
        caseVersion: 4,
      });
      expect(strings(view).filter(([, text]) => schoolWords[language]!.test(text))).toEqual([]);
    },
  );
});
