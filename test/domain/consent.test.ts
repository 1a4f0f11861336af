import { ageOn, consentCovers, consentFromAnswers, currentConsent, type ConsentRecord } from "../../src/domain/consent";
import { applySettingOverrides } from "../../src/domain/ladder";
import { presets } from "../../src/domain/ladders";
import {
  formForPupil,
  templateFor,
  templatesForStep,
  toLogContent,
  validateStep,
  type TemplateContext,
} from "../../src/domain/templates";
import { consentLine } from "../../src/bot/views/case-view";
import { logEntryFacts } from "../../src/bot/views/log-entry-view";

const given = {
  consent_decision: "given",
  services: ["health_service", "ppt"],
  informed: "yes",
  stafettlogg: "yes",
  signed_by: ["pupil", "guardians"],
  consent_date: "2026-11-18",
  place: "Molde",
  service_location: "Nordbyen skole",
};
const context: TemplateContext = {
  ladderId: "molde-nordbyen",
  step: 2,
  today: "2026-11-20",
  pattern: null,
  tripTexts: [],
  evaluationDefault: null,
};

describe("samtykke (003 «Tverrfaglig samtykkeerklæring»)", () => {
  test("when the family consents for the health service and PPT, then the nurse and PPT are covered and no other role is", () => {
    const consent = consentFromAnswers(given, "2026-11-20");
    expect(consent).toEqual({
      status: "given",
      services: ["health_service", "ppt"],
      stafettlogg: true,
      signedBy: ["pupil", "guardians"],
      date: "2026-11-18",
      place: "Molde",
      serviceLocation: "Nordbyen skole",
    });
    expect(consentCovers(consent, "school_nurse")).toBe(true);
    expect(consentCovers(consent, "ppt")).toBe(true);
    expect(consentCovers(consent, "outreach")).toBe(false);
  });

  test("when only PPT is ticked, then the school nurse is not covered", () => {
    expect(consentCovers(consentFromAnswers({ ...given, services: "ppt" }, "2026-11-20"), "school_nurse")).toBe(false);
  });

  test("when the family does not consent, then nothing is covered even if services were ticked", () => {
    const consent = consentFromAnswers({ ...given, consent_decision: "refused" }, "2026-11-20");
    expect(consent).toMatchObject({ status: "refused", services: [], stafettlogg: false });
    expect(consentCovers(consent, "ppt")).toBe(false);
  });

  test("when the decision is missing or unknown, then no consent is assumed, and unknown services are dropped", () => {
    expect(consentFromAnswers({ ...given, consent_decision: "" }, "2026-11-20")).toBeNull();
    expect(consentFromAnswers({ ...given, consent_decision: "yes please" }, "2026-11-20")).toBeNull();
    expect(consentFromAnswers({ ...given, services: ["ppt", "the_moon", "ppt"] }, "2026-11-20")?.services).toEqual([
      "ppt",
    ]);
    expect(consentFromAnswers({ ...given, consent_date: "18.11" }, "2026-11-20")?.date).toBe("2026-11-20");
  });

  test("when consent is withdrawn after it was given, then the withdrawal is the consent in force and covers nothing", () => {
    const first = consentFromAnswers(given, "2026-11-20") as ConsentRecord;
    const withdrawn = consentFromAnswers(
      { consent_decision: "withdrawn", consent_date: "2026-11-25" },
      "2026-11-25",
    ) as ConsentRecord;
    const entries = [
      { consent: withdrawn, writtenAt: "2026-11-25T10:00:00Z" },
      { consent: first, writtenAt: "2026-11-18T10:00:00Z" },
      { writtenAt: "2026-11-26T10:00:00Z" },
    ];
    expect(currentConsent(entries)).toBe(withdrawn);
    expect(consentCovers(currentConsent(entries), "school_nurse")).toBe(false);
    expect(currentConsent([{ writtenAt: "2026-11-26T10:00:00Z" }])).toBeNull();
  });

  test("when the form is completed, then the log keeps the decision, services, date, place and service location, the form's own fields", () => {
    const content = toLogContent(templateFor("consent", "molde-nordbyen"), given, context);
    expect(content.contactDate).toBe("2026-11-18");
    expect(content.consent).toEqual(consentFromAnswers(given, "2026-11-20"));
    expect(content.furtherMeasures).toContain(
      "Samtykke til utveksling av opplysninger med: Forebyggende helsetjenester (helsestasjon/skolehelsetjeneste), PPT",
    );
    expect(content.furtherMeasures).toContain("Stafettlogg");
    expect(content.furtherMeasures).not.toMatch(/Koble på/);
    expect(content.consent).toMatchObject({ place: "Molde", serviceLocation: "Nordbyen skole" });
    expect(consentFromAnswers({ ...given, place: "x".repeat(300) }, "2026-11-20")?.place).toHaveLength(80);
    const refused = toLogContent(
      templateFor("consent", "molde-nordbyen"),
      { ...given, consent_decision: "refused" },
      { ...context, language: "nn" },
    );
    expect(refused.furtherMeasures).toContain("saka blir berre drøfta anonymt");
  });

  test("when a step has a nærværsmøte or a kartlegging, then the samtykkeerklæring is offered there, last", () => {
    expect(templatesForStep("molde-nordbyen", 1).at(-1)).toBe("consent");
    expect(templatesForStep("lillestrom", 5)).toContain("consent");
    expect(templatesForStep("tynset-nord-osterdal", 2)).toContain("consent");
    expect(templatesForStep("orland-barnehage", 2)).toContain("consent");
    expect(templatesForStep("my-own-ladder", 2)).toContain("consent");
    expect(templatesForStep("molde-nordbyen", 0)).not.toContain("consent");
    expect(templatesForStep("molde-nordbyen", 1)[0]).toBe("attendance_meeting");
  });

  test("when the kindergarten ladder asks for the form, then only the guardians sign", () => {
    const signature = templateFor("consent", "orland-barnehage").steps.find((s) => s.id === "signature");
    expect(signature?.fields.find((f) => f.id === "signed_by")?.choices?.map((c) => c.id)).toEqual(["guardians"]);
    expect(
      templateFor("consent", "orland-skole")
        .steps.find((s) => s.id === "signature")
        ?.fields[0]?.choices?.map((c) => c.id),
    ).toEqual(["pupil", "guardians"]);
  });

  test("when the case card describes the consent, then it says what may be shared, or that the case is anonymous, in the user's language", () => {
    const consent = consentFromAnswers(given, "2026-11-20");
    expect(consentLine(consent, "nb")).toBe(
      "Samtykke 18.11: opplysninger kan utveksles med Forebyggende helsetjenester (helsestasjon/skolehelsetjeneste), PPT.",
    );
    expect(consentLine(consentFromAnswers({ ...given, consent_decision: "refused" }, "2026-11-20"), "en")).toBe(
      "No consent (18.11): the case may only be discussed anonymously with other services.",
    );
    expect(consentLine(consentFromAnswers({ ...given, consent_decision: "withdrawn" }, "2026-11-20"), "nn")).toMatch(
      /^Samtykket vart trekt tilbake 18\.11/,
    );
    expect(consentLine(null, "nb")).toBe("");
  });
});

describe("the samtykkeerklæring as the form (003) has it", () => {
  const molde = presets["molde-nordbyen"];
  const form = (birthDate: string | undefined, today: string, ladder = molde) =>
    formForPupil(templateFor("consent", "molde-nordbyen"), { birthDate }, today, ladder);
  const signers = (definition: ReturnType<typeof form>) =>
    definition.steps
      .find((s) => s.id === "signature")
      ?.fields.find((f) => f.id === "signed_by")
      ?.choices?.map((c) => c.id);

  test("when the form is shown, then it lists every service the form has, FINT included, and a line to specify the specialist health service", () => {
    const services = templateFor("consent", "molde-nordbyen").steps.find((s) => s.id === "services")!;
    expect(services.fields[0]?.choices?.map((c) => c.label.nb)).toEqual(
      expect.arrayContaining(["FINT (flyktning- og innvandrertjenesten)", "Spesialisthelsetjeneste", "Andre"]),
    );
    expect(services.fields[0]?.choices).toHaveLength(17);
    expect(services.fields.map((f) => f.label.nb)).toContain("Spesialisthelsetjeneste (spesifisert)");
  });

  test("when the specialist health service is ticked without saying which, then the step asks for it, and the log names what was written", () => {
    const definition = templateFor("consent", "molde-nordbyen");
    const checked = validateStep(definition, "services", { services: "ppt,specialist_health" });
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.map((e) => e.message.nb)).toEqual([
      "Fyll ut «Spesialisthelsetjeneste (spesifisert)».",
    ]);
    expect(validateStep(definition, "services", { services: "ppt" }).ok).toBe(true);
    const named = validateStep(definition, "services", {
      services: "specialist_health",
      specialist_health_detail: "BUP",
    });
    expect(named.ok).toBe(true);
    const consent = consentFromAnswers(
      {
        ...given,
        services: ["specialist_health", "fint"],
        specialist_health_detail: "BUP",
        other_detail: "not ticked",
      },
      "2026-11-20",
    );
    expect(consent?.specified).toEqual({ specialist_health: "BUP" });
    expect(consentLine(consent, "nb")).toBe(
      "Samtykke 18.11: opplysninger kan utveksles med FINT (flyktning- og innvandrertjenesten), Spesialisthelsetjeneste (BUP).",
    );
  });

  test("when the pupil is 14 on the day, then «Barnet (over 15 år)» is not offered nor accepted; from the 15th birthday it is", () => {
    expect(signers(form("2012-11-21", "2026-11-20"))).toEqual(["guardians"]);
    expect(form("2012-11-21", "2026-11-20").steps.at(-1)?.guidance[0]?.nb).toBe(
      "Eleven er under 15 år: foresatte signerer erklæringen.",
    );
    expect(
      validateStep(form("2012-11-21", "2026-11-20"), "signature", {
        signed_by: "pupil",
        consent_date: "2026-11-20",
        obtained_by: "me",
      }).ok,
    ).toBe(false);
    expect(signers(form("2011-11-20", "2026-11-20"))).toEqual(["pupil", "guardians"]);
    expect(signers(form("2011-11-20", "2026-11-19"))).toEqual(["guardians"]);
    const kindergarten = templateFor("consent", "orland-barnehage");
    expect(formForPupil(kindergarten, { birthDate: "2022-01-01" }, "2026-11-20", molde)).toBe(kindergarten);
    // Without a birth date in the roster the form is as printed, and the teacher judges.
    expect(signers(form(undefined, "2026-11-20"))).toEqual(["pupil", "guardians"]);
  });

  test("when a school sets the age of the pupil's own signature to 16, then a 15-year-old is not offered it", () => {
    expect(molde.settings.childSignsConsentFromAge).toMatchObject({
      value: 15,
      source: expect.stringContaining("003_"),
    });
    const sixteen = applySettingOverrides(molde, { childSignsConsentFromAge: 16 });
    expect(signers(form("2011-01-01", "2026-11-20", sixteen))).toEqual(["guardians"]);
    expect(ageOn("2012-02-29", "2026-02-28")).toBe(13);
    expect(ageOn("2012-02-29", "2026-03-01")).toBe(14);
  });

  test("when someone else obtained the consent, then the record keeps who; when the writer did, the writer is named on the entry", () => {
    const signature = templateFor("consent", "molde-nordbyen").steps.find((s) => s.id === "signature")!;
    expect(signature.fields.map((f) => f.label.nb)).toEqual(
      expect.arrayContaining(["Samtykke er innhentet av", "Tjenestested (der samtykket er innhentet)"]),
    );
    expect(
      validateStep(templateFor("consent", "molde-nordbyen"), "signature", {
        signed_by: "guardians",
        consent_date: "2026-11-18",
        obtained_by: "other",
      }).ok,
    ).toBe(false);
    const other = consentFromAnswers(
      { ...given, obtained_by: "other", obtained_by_name: "Siri, helsestasjonen" },
      "2026-11-20",
    )!;
    expect(other.obtainedBy).toBe("Siri, helsestasjonen");
    const mine = consentFromAnswers({ ...given, obtained_by: "me", obtained_by_name: "ignored" }, "2026-11-20")!;
    expect(mine.obtainedBy).toBeUndefined();
    const entry = { ...toLogContent(templateFor("consent", "molde-nordbyen"), given, context), step: 2 } as never;
    const facts = logEntryFacts(
      entry,
      { name: "Leo Prøvesen", className: "6B" },
      "Ola Annenlærer",
      "molde-nordbyen",
      "nb",
    );
    expect(facts.slice(-4)).toEqual([
      { title: "Signert av", value: "Eleven, foresatte" },
      { title: "Sted og dato", value: "Molde, 18.11.2026" },
      { title: "Samtykke er innhentet av", value: "Ola Annenlærer" },
      { title: "Tjenestested", value: "Nordbyen skole" },
    ]);
    const nn = logEntryFacts(
      { ...(entry as object), consent: other } as never,
      { name: "Leo Prøvesen", className: "6B" },
      "Ola Annenlærer",
      "molde-nordbyen",
      "nn",
    );
    expect(nn.find((f) => f.title === "Samtykke er henta inn av")?.value).toBe("Siri, helsestasjonen");
  });
});
