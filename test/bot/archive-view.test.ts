import { archiveText, buildArchiveView } from "../../src/bot/views/archive-view";
import type { LogEntry } from "../../src/domain/case";

const call: LogEntry = {
  id: "log:d1",
  pupilId: "p1",
  kind: "absence_log",
  templateId: "phone_call",
  step: 0,
  author: "t1",
  writtenAt: "2026-11-16T13:00:00.000Z",
  contactDate: "2026-11-16",
  reasonForContact: "Udokumentert fravær 16.11",
  guardiansViewOfCause: ["physically_ill"],
  furtherMeasures: "Ny samtale om en uke",
  nextContactDate: "2026-11-23",
  summary: "",
  measures: [
    { area: "skole", measure: "Fast oppmøte kl. 08.15", responsible: "kontaktlærer", evaluationDate: "2026-12-07" },
  ],
};
const correction: LogEntry = {
  ...call,
  id: "log:c1",
  contactDate: "2026-11-17",
  writtenAt: "2026-11-17T08:00:00.000Z",
  corrects: "log:d1",
  measures: [],
  summary: "Neste samtale er 24.11, ikke 23.11",
};
const input = {
  pupil: { name: "Mia Testesen", className: "6A" },
  schoolName: "Nordbyen skole",
  ladderId: "molde-nordbyen",
  log: [call, correction],
  authorNames: { t1: "Kari Kontaktlærer" },
  language: "nb" as const,
};

describe("«Til elevmappen»: the log as text for the school's archive", () => {
  test("when an entry is written out, then it has what it is, which log, the §2.8 fields with full dates, and the measures", () => {
    const text = archiveText(call, input);
    expect(text.split("\n")).toEqual([
      "Telefonsamtale hjem (fraværsloggen, Nordbyen skole)",
      "Elev: Mia Testesen, 6A",
      "Dato for kontakt: 16.11.2026",
      "Årsak til kontakt: Udokumentert fravær 16.11",
      expect.stringMatching(/^Foresattes syn på årsak: \S/),
      "Videre tiltak: Ny samtale om en uke",
      "Neste kontakt: 23.11.2026",
      "Nivå: 0",
      "Kontakt tatt og skrevet av: Kari Kontaktlærer",
      "Avtalte tiltak:",
      "• Fast oppmøte kl. 08.15 – ansvarlig: kontaktlærer, evalueres 07.12.2026",
      "Skrevet i Nærvær 16.11.2026.",
    ]);
  });

  test("when an entry records a samtykke, then its date in the archive text has the year", () => {
    const consent: LogEntry = {
      ...call,
      id: "log:s1",
      templateId: "consent",
      measures: [],
      consent: {
        status: "given",
        services: ["ppt"],
        stafettlogg: false,
        signedBy: ["guardians"],
        date: "2026-11-18",
        place: "",
        serviceLocation: "",
      },
    };
    const text = archiveText(consent, { ...input, log: [consent] });
    expect(text).toMatch(/^Samtykke 18\.11\.2026: /m);
  });

  test("when an evaluation's summary has a line for each measure, then the archive keeps one measure a line", () => {
    const evaluation: LogEntry = {
      ...call,
      id: "log:evaluation:1",
      templateId: "measure_evaluation",
      kind: "pupil_log",
      measures: [],
      summary: "Fast oppmøte kl. 08.15: Hadde effekt\nHentes av foresatte: Ingen effekt",
    };
    const lines = archiveText(evaluation, { ...input, log: [evaluation] }).split("\n");
    const at = lines.indexOf("Oppsummering:");
    expect(lines.slice(at, at + 3)).toEqual([
      "Oppsummering:",
      "• Fast oppmøte kl. 08.15: Hadde effekt",
      "• Hentes av foresatte: Ingen effekt",
    ]);
  });

  test("when an entry corrects another, then it says which, and its summary is kept", () => {
    const text = archiveText(correction, input);
    expect(text).toContain("Retter oppføringen «Telefonsamtale hjem» 16.11.2026.");
    expect(text).toContain("Oppsummering: Neste samtale er 24.11, ikke 23.11");
  });

  test("when the ladder counts steps and not levels (Ørland, Lillestrøm), then the entry names the step «Trinn»", () => {
    for (const ladderId of ["orland-skole", "lillestrom"]) {
      const text = archiveText({ ...call, kind: "pupil_log", step: 1 }, { ...input, ladderId });
      expect(text).toContain("Trinn: 1");
      expect(text).not.toContain("Nivå");
    }
  });

  test("when the card is built, then every entry is one text to copy, oldest first; an empty log says so", () => {
    const view = buildArchiveView(input, { pupilId: "p1" }) as {
      drafts: { title: string; text: string }[];
      intro: string;
    };
    expect(view.drafts.map((d) => d.title)).toEqual([
      "16.11.2026 · Telefonsamtale hjem",
      "17.11.2026 · Telefonsamtale hjem",
    ]);
    expect((buildArchiveView({ ...input, log: [] }, { pupilId: "p1" }) as { intro: string }).intro).toMatch(
      /Ingenting er dokumentert/,
    );
  });

  test("when the guardians said the cause in their own words and the pupil chose cards, then «Til elevmappen» has both, the cards as categories", () => {
    const text = archiveText(
      {
        ...call,
        guardiansOwnWords: "Mor tror det er mye press før prøver",
        pupilViewOfCause: ["stress", "worried"],
        summary: "Trives eller gruer seg: Misliker noe – Gymtimene",
      },
      input,
    );
    expect(text).toMatch(/^Foresattes syn på årsak: Mor tror det er mye press før prøver \(\S.*\)$/m);
    expect(text).toMatch(/^Årsakskartlegging \(elevens kort\): \S/m);
    expect(text).toContain("Gymtimene");
  });
});
