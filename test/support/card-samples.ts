import { buildThreadBaseView } from "../../src/bot/views/case-thread-view";
import { buildReportView } from "../../src/bot/views/report-view";
import { buildMeasureEvaluationView } from "../../src/bot/views/measure-evaluation-view";
import { fill, messagesFor, type Language } from "../../src/i18n/catalog";

const pattern = {
  from: "2026-08-19",
  to: "2026-11-16",
  absenceDays: 4,
  undocumentedDays: 2,
  weekdays: ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag"].map((name, weekday) => ({
    weekday,
    name,
    days: weekday === 0 ? 3 : 0,
    schoolDays: 12,
    share: weekday === 0 ? 0.75 : 0,
    expectedShare: 0.2,
    overRepresented: weekday === 0,
  })),
  singleDays: ["2026-11-02"],
  runs: [],
  late: 1,
  left: 0,
  notInClass: 0,
  lessons: { total: 2, occasions: 1, bySubject: [{ subject: "Matematikk", lessons: 2, occasions: 1 }] },
  observations: ["Mandager er overrepresentert: 3 av 4 dager"],
};

/**
 * Sample data for every template in cards/, per language, shaped like what the bot binds.
 * The card validation test fails for a template that has no entry here.
 */
export const cardSamples: Record<string, (language: Language) => object> = {
  report: (language) =>
    buildReportView(
      {
        school: { id: "s1", name: "Brekstad skole", municipality: "Ørland", ladder: "orland-skole" },
        period: "term",
        from: "2026-08-19",
        to: "2026-12-02",
        pupils: 240,
        onSteps: [
          { step: 0, pupils: 5 },
          { step: 1, pupils: 2 },
        ],
        reachedInPeriod: 6,
        waiting: 3,
        overdue: 1,
        followedUp: 4,
        measures: { agreed: 6, active: 4, evaluated: 2, worked: 1, partly: 1, noEffect: 0 },
        consent: { given: 1, refused: 0, withdrawn: 0 },
        pupilsWithServices: 1,
        manyDays: 3,
        closed: { total: 2, normal_attendance: 1, moved: 0, transferred: 1, other: 0 },
      },
      language,
    ),
  "measure-evaluation": (language) =>
    buildMeasureEvaluationView({
      pupil: { id: "p1", name: "Mia Testesen", schoolId: "s1", grade: 6, className: "6A", contactTeacherIds: ["t1"] },
      due: [
        {
          id: "measure:d1:0",
          pupilId: "p1",
          draftId: "d1",
          agreedAt: "2026-11-16T10:00:00Z",
          status: "active",
          area: "skole",
          measure: "Fast oppmøte kl. 08.15",
          responsible: "Kontaktlærer",
          evaluationDate: "2026-12-07",
        },
      ],
      nextStep: 2,
      basis: {
        mainGoal: "Mia møter på skolen alle dager",
        startedOn: "2026-11-16",
        since: { from: "2026-11-16", to: "2026-12-07", schoolDays: 16, days: 1, lessons: 2, late: 0 },
        before: { from: "2026-10-23", to: "2026-11-13", schoolDays: 16, days: 7, lessons: 3, late: 2 },
      },
      language,
      today: "2026-12-07",
      caseVersion: 3,
      errors: ["Velg hva dere ble enige om."],
    }),
  welcome: (language) => ({
    ...messagesFor(language).welcome,
    rosterLine: "Du står som kontaktlærer for 6 elever i 7B ved Demo skole.",
    casesAction: [{ title: messagesFor(language).caseList.button }],
    concernAction: [{ title: messagesFor(language).concern.open }],
  }),
  "case-list": (language) => {
    const m = messagesFor(language).caseList;
    return {
      title: m.title,
      intro: m.intro.replace("{count}", "2"),
      rows: [
        {
          pupil: "Mia Testesen, 6A",
          step: "Nivå 1: Videre oppfølging",
          deadline: "Fristen var mandag 16.11",
          deadlineColor: "Attention",
          open: m.open,
          data: { pupilId: "p1" },
        },
        {
          pupil: "Leo Prøvesen, 6B",
          step: "Nivå 0: Oppdage og utforske",
          deadline: "",
          deadlineColor: "Default",
          open: m.open,
          data: { pupilId: "p2" },
        },
      ],
      more: ["… og 3 til"],
      refresh: m.refresh,
    };
  },
  "absence-message": (language) => {
    const m = messagesFor(language).case;
    return {
      title: m.absenceMessage,
      intro: m.absenceMessageIntro,
      copyLabel: m.copyLabel,
      drafts: [{ id: "a", inputId: "draft_a", title: "Melding 1", text: "Hei!", maxLength: 2000 }],
      back: m.back,
      backData: { pupilId: "p1" },
    };
  },
  "case-thread": (language) =>
    buildThreadBaseView(
      {
        schoolName: "Nordbyen skole",
        pupil: { id: "p1", grade: 7 },
        status: { ladder: "molde-nordbyen", step: 2 },
        language,
      },
      ["aad-teacher", "aad-nurse"],
      ["…"],
    ),
  message: (language) => ({ title: messagesFor(language).template.paused, lines: ["…"] }),
  absence: (language) => ({
    title: "Fraværet til Mia, 6A",
    patternTitle: messagesFor(language).case.pattern,
    patternSummary: messagesFor(language).case.patternSummary,
    lateLine: messagesFor(language).case.lateLine,
    subjects: [messagesFor(language).case.subjectsLine],
    observations: pattern.observations,
    empty: messagesFor(language).case.absenceEmpty,
    rows: [
      {
        date: "16.11",
        what: messagesFor(language).case.absenceKinds.day,
        documented: messagesFor(language).case.undocumented,
        color: "Attention",
      },
    ],
    back: messagesFor(language).case.back,
    backData: { pupilId: "p1" },
  }),
  concern: (language) => {
    const c = messagesFor(language).concern;
    return {
      title: c.title,
      intro: c.intro,
      errors: [],
      pupilLabel: c.pupil,
      selectedPupil: "",
      pupils: [{ title: "Mia (6A)", value: "p1" }],
      signsLabel: c.signs,
      chooseSign: c.chooseSign,
      signs: [{ title: "Vondt i magen", value: "vondt" }],
      noteLabel: c.note,
      submit: c.submit,
    };
  },
  "log-entry": (language) => {
    const t = messagesFor(language).template;
    return {
      title: t.completedTitle,
      subtitle: t.completedIn,
      notes: [t.dateOffSchool],
      facts: Object.values(t.facts).map((title) => ({ title, value: "x" })),
      measuresTitle: t.measuresTitle,
      measures: ["Fast oppmøtetid – ansvarlig: kontaktlærer, evalueres 07.12"],
      backTitle: t.showCase,
      backData: { pupilId: "p1" },
      correct: {
        title: messagesFor(language).case.correct,
        label: messagesFor(language).case.correctionLabel,
        submit: messagesFor(language).case.correctionSubmit,
        data: { pupilId: "p1", entryId: "log:1" },
      },
    };
  },
  nudge: (language) => {
    const m = messagesFor(language).case;
    const data = { pupilId: "p1", caseVersion: 2 };
    return {
      title: m.title,
      happened: m.happenedToday.replace("{what}", "Udokumentert fravær 16.11: hel dag."),
      stepLine: m.stepLine,
      holdersLine: m.holdersLine.replace("{holders}", "Kontaktlærer / Tiltaksleder"),
      notes: [m.reminderNote],
      routineSays: m.routineSays,
      actions: ["Ta kontakt med foresatte – samme dag."],
      deadline: m.deadlineToday,
      deadlineColor: "Default",
      why: m.why,
      trips: ["Udokumentert fravær 16.11: hel dag."],
      patternTitle: m.pattern,
      patternSummary: m.patternSummary,
      weekdayBars: pattern.weekdays.map((w) => ({
        label: m.weekdays[w.weekday],
        bar: "███",
        count: String(w.days),
        color: w.overRepresented ? "Attention" : "Default",
      })),
      lateLine: m.lateLine,
      subjects: [m.subjectsLine],
      observations: pattern.observations,
      primary: [{ title: m.startTemplate, verb: "template.start", data: { ...data, templateId: "phone_call" } }],
      more: [
        {
          title: m.otherConversations,
          hint: m.otherConversationsHint,
          items: [
            {
              title: "Undringssamtale med elev",
              verb: "template.start",
              data: { ...data, templateId: "wonder_talk_pupil" },
            },
            { title: m.absenceMessage, verb: "case.absenceMessage", data },
          ],
        },
      ],
      canDismiss: true,
      dismiss: {
        title: m.notConcerning,
        reasonLabel: m.notConcerningReason,
        reasons: [{ title: "Annet", value: "other" }],
        otherLabel: m.notConcerningOther,
        otherMaxLength: 100,
        submit: m.notConcerningSubmit,
        data,
      },
      remind: {
        title: m.remindLater,
        choiceLabel: m.remindChoice,
        choices: [{ title: fill(m.remindTomorrow, { weekday: "tirsdag" }), value: "2026-11-17T07:00:00.000Z" }],
        submit: m.remindSubmit,
        data,
        firstChoice: "2026-11-17T07:00:00.000Z",
      },
      showAbsence: { title: m.showAbsence, data },
      canClose: true,
      canReopen: true,
      close: {
        title: m.closeCase,
        reasonLabel: m.closeReasonLabel,
        reasons: [
          { title: m.closeReasons.normal_attendance, value: "normal_attendance" },
          { title: m.closeReasons.other, value: "other" },
        ],
        firstReason: "normal_attendance",
        textLabel: m.closeTextLabel,
        dateLabel: m.closeDateLabel,
        datePlaceholder: messagesFor(language).template.datePlaceholder,
        today: "2026-11-16",
        submit: m.closeSubmit,
        data,
      },
      reopen: { title: m.reopen, data },
      timelineTitle: m.timeline,
      timeline: [{ date: "16.11", text: "Telefonsamtale hjem · Kari · Møte avtales" }],
      refreshData: { pupilId: "p1" },
    };
  },
  "template-step": (language) => {
    const t = messagesFor(language).template;
    const data = { pupilId: "p1", draftId: "draft:1", stepIndex: 1 };
    const field = (kind: string, extra: object = {}) => ({
      kind,
      inputId: `a_${kind}`,
      label: kind,
      hint: "",
      required: true,
      errorMessage: t.fieldRequired,
      datePlaceholder: t.datePlaceholder,
      maxLength: 500,
      value: "",
      choices: [{ title: "Ja", value: "yes" }],
      choiceStyle: "compact",
      multiChoiceStyle: "compact",
      placeholder: t.choose,
      columns: [],
      rows: [],
      suggestionsTitle: t.suggestionsTitle,
      suggestions: [],
      showHint: false,
      workingNote: false,
      workingNoteText: t.workingNote,
      ...extra,
    });
    return {
      heading: t.heading,
      title: "Steg",
      notes: [],
      guidance: ["Ring foresatte."],
      errors: [t.requiredMissing],
      fields: [
        field("text"),
        field("choice"),
        field("multiChoice"),
        field("multiChoiceColumns", {
          columns: [
            { inputId: "a_many", choices: [{ title: "Ja", value: "yes" }], value: "yes" },
            { inputId: "a_many__2", choices: [{ title: "Nei", value: "no" }], value: "" },
          ],
        }),
        field("date"),
        field("measures", {
          rows: [
            {
              areaId: "m_a_0_area",
              measureId: "m_a_0_measure",
              responsibleId: "m_a_0_responsible",
              dateId: "m_a_0_evaluationDate",
              areaLabel: t.area,
              measureLabel: t.measure,
              responsibleLabel: t.responsible,
              dateLabel: t.evaluationDate,
              datePlaceholder: t.datePlaceholder,
              area: "skole",
              areaPlaceholder: t.chooseArea,
              measure: "",
              responsible: "",
              evaluationDate: "",
              areaChoices: [{ title: "Skole/SFO", value: "skole" }],
            },
          ],
          suggestions: [{ area: "Skole/SFO", items: ["Fast oppmøtetid"] }],
          workingNote: true,
        }),
      ],
      shown: [{ label: "Hvilke dager er eleven borte?", value: "Mandager" }],
      ladder: [
        { text: "Nivå 0: Tidlig innsats", current: false },
        { text: "Nivå 1: Videre oppfølging ← Mia er her", current: true },
      ],
      offers: [{ title: "Start samtykkeerklæring", data: { pupilId: "p1", templateId: "consent" } }],
      backAction: [{ title: t.back, data }],
      nextAction: [{ title: t.next, verb: "template.next", data }],
      pauseTitle: t.pause,
      pauseData: data,
    };
  },
};
