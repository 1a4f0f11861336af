import { L, choice, seed } from "./common";
import type { Localized, TemplateChoice } from "./types";

/** The preset ladders the templates know by name (src/domain/ladders). */
export const templateLadderIds = [
  "orland-skole",
  "orland-barnehage",
  "lillestrom",
  "molde-nordbyen",
  "tynset-nord-osterdal",
] as const;
export type TemplateLadderId = (typeof templateLadderIds)[number];

export function isTemplateLadderId(id: string): id is TemplateLadderId {
  return (templateLadderIds as readonly string[]).includes(id);
}

export interface EvaluationPeriod {
  unit: "school_days" | "weeks" | "months";
  amount: number;
}

/** What the templates need to know about a ladder: its steps, its wording, its evaluation period. */
export interface LadderProfile {
  ladderId: string;
  /** Which form of the templates it uses: Molde's own (002), Lillestrøm's own (001), or the common one. */
  variant: "molde" | "lillestrom" | "common";
  institution: "school" | "kindergarten";
  /** «Nivå» (Molde) or «Trinn» (the others). */
  stepWord: Localized;
  steps: readonly number[];
  /** The registration / messaging system the routine names, for guidance texts. */
  system: string;
  /** Default period before measures are evaluated, with the seed that says it. */
  evaluation: EvaluationPeriod & { source: string };
}

const trinn = L("Trinn", "Trinn", "Step");
const threeWeeks = { unit: "weeks", amount: 3 } as const;

const profiles: Readonly<Record<TemplateLadderId, LadderProfile>> = {
  "molde-nordbyen": {
    ladderId: "molde-nordbyen",
    variant: "molde",
    institution: "school",
    stepWord: L("Nivå", "Nivå", "Level"),
    steps: [0, 1, 2, 3],
    system: "Visma",
    // «Planlegg og iverksett tiltak – evaluer etter 3 uker.»
    evaluation: { ...threeWeeks, source: `${seed.molde} §1.3 nivå 1 og 2` },
  },
  lillestrom: {
    ladderId: "lillestrom",
    variant: "lillestrom",
    institution: "school",
    stepWord: trinn,
    steps: [1, 2, 3, 4, 5],
    system: "Vigilo",
    // «I en periode på tre uker prøves tiltaksplanen ut» / «Etter tre uker med utprøving av tiltakene i planen, skal disse evalueres.»
    evaluation: { ...threeWeeks, source: `${seed.lillestrom} «Trinn 3: Tiltaksplan», «Trinn 4: Evaluering»` },
  },
  "orland-skole": {
    ladderId: "orland-skole",
    variant: "common",
    institution: "school",
    stepWord: trinn,
    steps: [0, 1, 2, 3],
    system: "Visma Flyt Skole",
    // Del 5 asks for «tidspunkt for evaluering» without a length; the common three weeks of 002 §1.3 is the default.
    evaluation: {
      ...threeWeeks,
      source: `${seed.orland} Del 5 Trinn 2 («sett opp tidspunkt for evaluering»); ${seed.molde} §1.3`,
    },
  },
  "orland-barnehage": {
    ladderId: "orland-barnehage",
    variant: "common",
    institution: "kindergarten",
    stepWord: trinn,
    steps: [0, 1, 2, 3],
    system: "Transponder",
    // «Tiltak dokumenteres i tiltaksplan og evalueres etter ca. 1 måned sammen med foresatte.»
    evaluation: { unit: "months", amount: 1, source: `${seed.orland} Del 4 Trinn 2 og 3` },
  },
  "tynset-nord-osterdal": {
    ladderId: "tynset-nord-osterdal",
    variant: "common",
    institution: "school",
    stepWord: trinn,
    steps: [1, 2, 3, 4],
    system: "Min skole",
    // 004 pkt. 4: «Samarbeidsavtale skrives og følges opp/evalueres» without a length; three weeks as in 002 §1.3.
    evaluation: { ...threeWeeks, source: `${seed.tynset} «Praktisk handlingsrekkefølge» 4); ${seed.molde} §1.3` },
  },
};

/** The profile of a preset; a custom ladder gets the common school form with steps 0–5. */
export function ladderProfile(ladderId: string): LadderProfile {
  if (isTemplateLadderId(ladderId)) return profiles[ladderId];
  return {
    ladderId,
    variant: "common",
    institution: "school",
    stepWord: trinn,
    steps: [0, 1, 2, 3, 4, 5],
    system: "",
    evaluation: { ...threeWeeks, source: `${seed.molde} §1.3` },
  };
}

/** «Nivå 0», «Trinn 1» … as choices for «Hvilket trinn i tiltakstrappa man vurderer at eleven er på» (002 §2.8). */
export function stepChoices(profile: LadderProfile): TemplateChoice[] {
  const w = profile.stepWord;
  return profile.steps.map((n) => choice(String(n), `${w.nb} ${n}`, `${w.nn} ${n}`, `${w.en} ${n}`));
}
