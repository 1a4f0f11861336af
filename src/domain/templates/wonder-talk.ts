import { causeCategories, guardianCauseCategories } from "./causes";
import {
  L,
  choice,
  choiceField,
  dateField,
  measureAreas,
  measuresField,
  multiChoiceField,
  noHealthDetails,
  noteMaxLength,
  scaleOneToTen,
  seed,
  stressScale,
  textField,
  withWorkingNotes,
} from "./common";
import type { LadderProfile } from "../routines/types";
import type { Localized, TemplateDefinition, TemplateField, TemplateStep } from "./types";

/**
 * «Undringssamtale» with the pupil: the three phases of 003 «Samtalemal – undringssamtaler med elev»,
 * with the areas of 002 §2.1 «Undringssamtale 1» rated on the stress scale of 002 §2.2
 * «Ingen problem / OK / Vanskelig / Umulig», and the årsakskartlegging cards of 003.
 *
 * «Undringssamtale» with the guardians: the seven points of 003 «Samtalemal – undringssamtaler med
 * foresatte» («Forslag til struktur» 1–7).
 */

const pupilTalk = `${seed.cards} «Samtalemal – undringssamtaler med elev»`;
const guardianTalk = `${seed.cards} «Samtalemal – undringssamtaler med foresatte»`;
const areasSource = `${seed.molde} §2.1 «Undringssamtale 1» og §2.2 «Undringssamtale 2»`;

/** One area of 002 §2.1, rated on the 002 §2.2 stress scale. */
function area(id: string, nb: string, nn: string, en: string): TemplateField {
  return choiceField(`area_${id}`, L(nb, nn, en), stressScale);
}

const stressGuidance: Localized = L(
  "La eleven peke på eller plassere lapper på søylen som passer: Ingen problem, OK, Vanskelig, Umulig. Velg bare de spørsmålene som er nødvendige.",
  "La eleven peike på eller plassere lappar på søyla som passar: Ikkje noko problem, OK, Vanskeleg, Umogleg. Vel berre dei spørsmåla som er naudsynte.",
  "Let the pupil point to, or place notes on, the column that fits: No problem, OK, Difficult, Impossible. Pick only the questions that are needed.",
);

function pupilTalkStepsFromContact(): TemplateStep[] {
  return [
    {
      id: "contact",
      title: L(
        "Kontakt og informasjon om formål",
        "Kontakt og informasjon om føremål",
        "Contact and explaining the purpose",
      ),
      guidance: [
        L(
          "Når man er bekymret for skolefraværet, tas undringssamtalen med eleven samme dag om mulig, før nærværsmøte avtales.",
          "Når ein er bekymra for skulefråværet, blir undringssamtalen med eleven teken same dag om mogleg, før nærværsmøte blir avtalt.",
          "When you are worried about the absence, have the talk with the pupil the same day if possible, before an attendance meeting is arranged.",
        ),
        L(
          "1. Forklar hvorfor dere skal snakke sammen.",
          "1. Forklar kvifor de skal snakke saman.",
          "1. Explain why you are going to talk.",
        ),
        L(
          "2. Fortell om observasjonen(e), hva du undres over.",
          "2. Fortel om observasjonen(e), kva du undrar deg over.",
          "2. Tell what you have noticed, and what you wonder about.",
        ),
        L(
          "3. Etterspør hva som ligger bak atferden/endringen (motorisk, sosialt, språklig, konsentrasjon/oppmerksomhet, trivsel, faglig eller annet).",
          "3. Spør etter kva som ligg bak åtferda/endringa (motorisk, sosialt, språkleg, konsentrasjon/merksemd, trivsel, fagleg eller anna).",
          "3. Ask what lies behind the behaviour or change (motor, social, language, concentration/attention, well-being, academic or other).",
        ),
      ],
      fields: [
        dateField("talk_date", L("Dato for samtalen", "Dato for samtalen", "Date of the talk"), { required: true }),
        multiChoiceField(
          "observation_topics",
          L("Hva undres du over?", "Kva undrar du deg over?", "What are you wondering about?"),
          [
            choice("motor", "Motorisk", "Motorisk", "Motor skills"),
            choice("social", "Sosialt", "Sosialt", "Social"),
            choice("language", "Språklig", "Språkleg", "Language"),
            choice("concentration", "Konsentrasjon/oppmerksomhet", "Konsentrasjon/merksemd", "Concentration/attention"),
            choice("wellbeing", "Trivsel", "Trivsel", "Well-being"),
            choice("academic", "Faglig", "Fagleg", "Academic"),
            choice("absence", "Fravær", "Fråvær", "Absence"),
            choice("other", "Annet", "Anna", "Other"),
          ],
        ),
      ],
      source: `${pupilTalk} «Kontakt og informasjon om formål» 1–3; ${seed.molde} §2.0`,
    },
    {
      id: "free_story",
      title: L("Fri fortelling og utdyping", "Fri forteljing og utdjuping", "Free account and follow-up"),
      guidance: [
        L(
          "1. Oppfordre til fri fortelling, bruk åpne spørsmål (Hva tenker du om …? Hvorfor tror du det er slik …?).",
          "1. Oppmod til fri forteljing, bruk opne spørsmål (Kva tenkjer du om …? Kvifor trur du det er slik …?).",
          "1. Invite the pupil to tell freely; use open questions (What do you think about …? Why do you think it is like that …?).",
        ),
        L(
          "2. Vær en aktiv lytter: vis at du er konsentrert om det som sies, spør om mer informasjon, gjenta og oppsummer for å være sikker på at du forstår rett.",
          "2. Ver ein aktiv lyttar: vis at du er konsentrert om det som blir sagt, spør om meir informasjon, gjenta og oppsummer for å vere sikker på at du forstår rett.",
          "2. Listen actively: show you are focused on what is said, ask for more, repeat and summarise to be sure you understand.",
        ),
        L(
          "3. Bruk gjerne informert gjetning (Kan det være sånn at …? Jeg vil gjette på at du mener …).",
          "3. Bruk gjerne informert gjetting (Kan det vere slik at …? Eg vil gjette på at du meiner …).",
          "3. Feel free to use informed guessing (Could it be that …? My guess is that you mean …).",
        ),
        L(
          "4. Hold et opplevelsesfokus (Hva var det som faktisk skjedde? Fortell mer om dette … Hvordan opplevde du …?).",
          "4. Hald eit opplevingsfokus (Kva var det som faktisk skjedde? Fortel meir om dette … Korleis opplevde du …?).",
          "4. Keep the focus on experience (What actually happened? Tell me more … How did you experience …?).",
        ),
      ],
      fields: [
        textField("story_notes", L("Notater (kort)", "Notat (kort)", "Notes (brief)"), { hint: noHealthDetails }),
      ],
      source: `${pupilTalk} «Fri fortelling og utdyping» 1–4`,
    },
  ];
}

function pupilTalkStepsFromSchoolDay(): TemplateStep[] {
  return [
    {
      id: "school_day",
      title: L("Skoledagen", "Skuledagen", "The school day"),
      guidance: [stressGuidance],
      fields: [
        area(
          "way_to_school",
          "Skoleveien – å gå til skolen om morgenen",
          "Skulevegen – å gå til skulen om morgonen",
          "The way to school in the morning",
        ),
        area(
          "leaving_home",
          "Å forlate mor/far/andre på morgenen",
          "Å forlate mor/far/andre om morgonen",
          "Leaving mum/dad/others in the morning",
        ),
        area("timetable", "Timeplanen", "Timeplanen", "The timetable"),
        area(
          "classroom",
          "Klasserommet – plassen din i klasserommet",
          "Klasserommet – plassen din i klasserommet",
          "The classroom – your seat in the classroom",
        ),
        area("group_room", "Grupperom", "Grupperom", "Group rooms"),
        area("long_sessions", "Lange økter", "Lange økter", "Long sessions"),
        area("breaks", "Friminutt og skolegården", "Friminutt og skuleplassen", "Breaks and the schoolyard"),
        area("lunch", "Spise på skolen (lunsj)", "Ete på skulen (lunsj)", "Eating at school (lunch)"),
        area("trip_days", "Turdager", "Turdagar", "Outing days"),
        area(
          "different_days",
          "Annerledesdager (ekskursjoner, museum, teater)",
          "Annleisdagar (ekskursjonar, museum, teater)",
          "Unusual days (excursions, museum, theatre)",
        ),
        area("homework", "Lekser", "Lekser", "Homework"),
        area("written_tests", "Skriftlig prøve", "Skriftleg prøve", "Written tests"),
        area(
          "presenting",
          "Muntlig framføring, å snakke høyt i klassen",
          "Munnleg framføring, å snakke høgt i klassen",
          "Oral presentations, speaking up in class",
        ),
        area("asking_help", "Be lærer om hjelp", "Be læraren om hjelp", "Asking the teacher for help"),
      ],
      source: areasSource,
    },
    {
      id: "subjects",
      title: L("Fag", "Fag", "Subjects"),
      guidance: [stressGuidance],
      fields: [
        area("math", "Matematikk", "Matematikk", "Mathematics"),
        area("norwegian", "Norsk", "Norsk", "Norwegian"),
        area("english", "Engelsk", "Engelsk", "English"),
        area("science", "Naturfag", "Naturfag", "Science"),
        area("social_studies", "Samfunnsfag", "Samfunnsfag", "Social studies"),
        area("krle", "KRLE", "KRLE", "Religion and ethics (KRLE)"),
        area("reading", "Lesing", "Lesing", "Reading"),
        area("writing", "Skriving", "Skriving", "Writing"),
        area("pe", "Gym (kroppsøving)", "Gym (kroppsøving)", "PE"),
        area(
          "pe_changing",
          "Gym – skifte og dusje i garderoben",
          "Gym – skifte og dusje i garderoben",
          "PE – changing and showering in the changing room",
        ),
        area("swimming", "Svømming", "Symjing", "Swimming"),
        area("arts_crafts", "Kunst og håndverk", "Kunst og handverk", "Arts and crafts"),
        area("music", "Musikk", "Musikk", "Music"),
        area("food_health", "Mat og helse", "Mat og helse", "Food and health"),
      ],
      source: areasSource,
    },
  ];
}

function pupilTalkStepsFromPeople(): TemplateStep[] {
  return [
    {
      id: "people",
      title: L("Klassen og de voksne", "Klassen og dei vaksne", "The class and the adults"),
      guidance: [
        stressGuidance,
        L(
          "Spør også om lærere/assistenter rundt eleven: er det noen voksne som gjør det vanskelig å være i timen?",
          "Spør òg om lærarar/assistentar rundt eleven: er det nokon vaksne som gjer det vanskeleg å vere i timen?",
          "Also ask about the teachers/assistants around the pupil: does any adult make it hard to be in the lesson?",
        ),
        L(
          "OBS: Hvis utrygt skolemiljø avdekkes, må skolens lokale planer for dette tas i bruk.",
          "OBS: Viss utrygt skulemiljø blir avdekt, må dei lokale planane til skulen for dette takast i bruk.",
          "NB: If an unsafe school environment comes to light, the school's own plans for that must be used.",
        ),
      ],
      fields: [
        area("class", "Klassen din", "Klassen din", "Your class"),
        area("group_work", "Jobbe i gruppe", "Jobbe i gruppe", "Working in a group"),
        area("working_alone", "Jobbe alene", "Jobbe åleine", "Working alone"),
        area("adults", "De voksne på skolen", "Dei vaksne på skulen", "The adults at school"),
        area("conflict", "Konflikt/uenighet/krangel", "Konflikt/usemje/krangel", "Conflict/disagreement/quarrels"),
        choiceField(
          "left_out",
          L(
            "Kjenner du noen på trinnet som føler seg plaget eller holdt utenfor? Føler du det noen gang slik?",
            "Kjenner du nokon på trinnet som kjenner seg plaga eller halden utanfor? Kjenner du det nokon gong slik?",
            "Do you know anyone in your year who feels bullied or left out? Do you ever feel like that?",
          ),
          [
            choice("no", "Nei", "Nei", "No"),
            choice("knows_someone", "Kjenner noen", "Kjenner nokon", "Knows someone"),
            choice("self", "Føler det selv", "Kjenner det sjølv", "Feels like that themselves"),
            choice("unsure", "Vil ikke si / usikker", "Vil ikkje seie / usikker", "Won't say / unsure"),
          ],
        ),
      ],
      source: `${areasSource}; ${seed.molde} §1.3 «OBS»`,
    },
    {
      id: "leisure",
      title: L("Fritid og hjemme", "Fritid og heime", "Leisure time and home"),
      guidance: [stressGuidance],
      fields: [
        area("friends", "Være sammen med venner", "Vere saman med vener", "Being with friends"),
        area(
          "activities",
          "Fritidsaktiviteter og hobbyer",
          "Fritidsaktivitetar og hobbyar",
          "Leisure activities and hobbies",
        ),
        area("gaming", "Spill/gaming", "Spel/gaming", "Games/gaming"),
        area("social_media", "Sosiale medier", "Sosiale medium", "Social media"),
        area("helping_home", "Hjelpe til hjemme", "Hjelpe til heime", "Helping at home"),
        area("siblings", "Være med søsken", "Vere med sysken", "Being with siblings"),
        area("weekend", "Helg", "Helg", "Weekends"),
        area("holidays", "Ferier", "Feriar", "Holidays"),
      ],
      source: areasSource,
    },
  ];
}

function pupilTalkStepsFromScales(): TemplateStep[] {
  return [
    {
      id: "scales",
      title: L("Stress og lyst", "Stress og lyst", "Stress and wanting to come"),
      guidance: [
        L(
          "Skala fra 1–10, 1 er lite og 10 er mye.",
          "Skala frå 1–10, 1 er lite og 10 er mykje.",
          "Scale from 1 to 10, 1 is little and 10 is a lot.",
        ),
      ],
      fields: [
        choiceField(
          "stress_level",
          L(
            "Hvor høyt stress kjenner du når du tenker på skolen?",
            "Kor høgt stress kjenner du når du tenkjer på skulen?",
            "How much stress do you feel when you think about school?",
          ),
          scaleOneToTen,
        ),
        choiceField(
          "wish_level",
          L(
            "Hvor lyst har du til å komme på skolen?",
            "Kor lyst har du til å kome på skulen?",
            "How much do you want to come to school?",
          ),
          scaleOneToTen,
        ),
        textField(
          "three_wishes",
          L(
            "Tre ønsker i livet / Aladdins lampe",
            "Tre ønske i livet / Aladdins lampe",
            "Three wishes in life / Aladdin's lamp",
          ),
          {
            maxLength: noteMaxLength,
          },
        ),
      ],
      source: `${seed.molde} §2.1 «Undringssamtale 1» (skala 1–10, «Tre ønsker i livet/Aladdins lampe»)`,
    },
    {
      id: "causes",
      title: L("Årsakskartlegging", "Årsakskartlegging", "Cause mapping"),
      guidance: [
        L(
          "Legg kortene utover bordet, og start med å la eleven si noe om hvilke kort som ikke er aktuelle. Ta vekk disse.",
          "Legg korta utover bordet, og start med å la eleven seie noko om kva kort som ikkje er aktuelle. Ta vekk desse.",
          "Lay the cards on the table, and start by letting the pupil say which cards do not apply. Remove those.",
        ),
        L(
          "Konsentrer samtalen om det eleven mener kan være relevant i forhold til fraværet. Ta i bruk tiltaksbanken, og drøft med eleven hva som kan være riktig tiltak.",
          "Konsentrer samtalen om det eleven meiner kan vere relevant for fråværet. Ta i bruk tiltaksbanken, og drøft med eleven kva som kan vere rett tiltak.",
          "Focus the talk on what the pupil thinks may matter for the absence. Use the measures bank and discuss with the pupil what the right measure could be.",
        ),
      ],
      fields: [
        multiChoiceField(
          "pupil_causes",
          L("Kortene eleven mener er aktuelle", "Korta eleven meiner er aktuelle", "The cards the pupil thinks apply"),
          causeCategories,
        ),
        textField(
          "pupil_ideas",
          L(
            "Elevens egne forslag til tiltak",
            "Forslaga til eleven sjølv om tiltak",
            "The pupil's own ideas for measures",
          ),
          { hint: noHealthDetails, maxLength: 300 },
        ),
      ],
      source: `${seed.cards} «Årsakskartlegging» (hjelpekort)`,
    },
  ];
}

function pupilTalkStepsFromClosing(): TemplateStep[] {
  return [
    {
      id: "closing",
      title: L("Oppsummering og avslutning", "Oppsummering og avslutning", "Summary and closing"),
      guidance: [
        L(
          "1. Konkret oppsummering av samtalens innhold. 2. Takk for samtalen og ros til barnet/ungdommen.",
          "1. Konkret oppsummering av innhaldet i samtalen. 2. Takk for samtalen og ros til barnet/ungdommen.",
          "1. A concrete summary of the talk. 2. Thank the child/young person for the talk, and give praise.",
        ),
        L(
          "Om barnet/ungdommen har fortalt noe som gir grunn til bekymring: lag en plan for hva som skal skje, hvem som skal involveres og når det skal skje. Tilby hjelp og støtte, ikke lov noe du ikke kan stå for.",
          "Om barnet/ungdommen har fortalt noko som gir grunn til bekymring: lag ein plan for kva som skal skje, kven som skal involverast og når det skal skje. Tilby hjelp og støtte, ikkje lov noko du ikkje kan stå for.",
          "If the child/young person has told you something that gives cause for concern: plan what will happen, who will be involved and when. Offer help and support; do not promise anything you cannot keep.",
        ),
        L(
          "Om ingenting har kommet frem: avslutt med dagligdagse temaer, åpne opp for en ny samtale, og ta nytt initiativ etter noen dager.",
          "Om ingenting har kome fram: avslutt med daglegdagse tema, opne for ein ny samtale, og ta nytt initiativ etter nokre dagar.",
          "If nothing has come up: finish with everyday topics, leave the door open for another talk, and try again after a few days.",
        ),
      ],
      fields: [
        textField("summary", L("Konkret oppsummering", "Konkret oppsummering", "Concrete summary"), {
          hint: noHealthDetails,
        }),
        choiceField(
          "concern",
          L(
            "Kom det frem noe som gir grunn til bekymring?",
            "Kom det fram noko som gir grunn til bekymring?",
            "Did anything come up that gives cause for concern?",
          ),
          [
            choice(
              "concern",
              "Ja – plan for hva som skjer videre",
              "Ja – plan for kva som skjer vidare",
              "Yes – plan what happens next",
            ),
            choice("nothing", "Ingenting har kommet frem", "Ingenting har kome fram", "Nothing has come up"),
          ],
          { required: true },
        ),
        textField(
          "next_steps",
          L(
            "Hva skal skje, og hvem skal involveres?",
            "Kva skal skje, og kven skal involverast?",
            "What will happen, and who will be involved?",
          ),
          {
            hint: L("Roller, ikke navn.", "Roller, ikkje namn.", "Roles, not names."),
            maxLength: 300,
          },
        ),
        dateField(
          "next_contact_date",
          L("Når skal det skje? / Ny samtale", "Når skal det skje? / Ny samtale", "When will it happen? / Next talk"),
        ),
      ],
      source: `${pupilTalk} «Oppsummering og avslutning»`,
    },
  ];
}

const pupilTalkLogged = new Set(["talk_date", "pupil_causes", "concern", "next_steps", "next_contact_date", "summary"]);

export function wonderTalkPupilTemplate(_profile: LadderProfile): TemplateDefinition {
  return {
    id: "wonder_talk_pupil",
    version: 1,
    title: L(
      "Undringssamtale med eleven",
      "Undringssamtale med eleven",
      "Exploratory talk with the pupil (undringssamtale)",
    ),
    source: `${pupilTalk}; ${areasSource}`,
    // The talk's tools (the pupil's story, the stress scales, wishes and ideas) stay in the draft: the log gets the date, the
    // cause categories, whether there is a concern and what happens next (002 §2.1 «Oppsummering og avslutning»).
    steps: withWorkingNotes(
      [
        ...pupilTalkStepsFromContact(),
        ...pupilTalkStepsFromSchoolDay(),
        ...pupilTalkStepsFromPeople(),
        ...pupilTalkStepsFromScales(),
        ...pupilTalkStepsFromClosing(),
      ],
      (field) => !pupilTalkLogged.has(field.id),
    ),
  };
}

function guardianTalkStepsFromWelcome(point: (n: number) => string, _profile: LadderProfile): TemplateStep[] {
  return [
    {
      id: "welcome",
      title: L("Velkommen", "Velkomen", "Welcome"),
      guidance: [
        L(
          "Samtalen holdes så raskt som mulig etter at oppmerksomheten er oppstått. Den kan være planlagt og innkalt, eller kort og uformell, ved henting/levering eller på telefon.",
          "Samtalen blir halden så snart som mogleg etter at merksemda oppstod. Han kan vere planlagd og innkalla, eller kort og uformell, ved henting/levering eller på telefon.",
          "Hold the talk as soon as possible after the concern arose. It can be a planned meeting, or short and informal at pick-up/drop-off or by phone.",
        ),
        L(
          "Personalet har ingen «fasit» på hvordan saken er: det er en undrende samtale (Hva kan det skyldes at …?).",
          "Personalet har ingen «fasit» på korleis saka er: det er ein undrande samtale (Kva kan det kome av at …?).",
          "Staff have no ready answer about the case: it is an exploratory talk (What could be the reason that …?).",
        ),
      ],
      fields: [
        dateField("meeting_date", L("Dato for samtalen", "Dato for samtalen", "Date of the talk"), {
          required: true,
        }),
        choiceField("talk_form", L("Form", "Form", "Form"), [
          choice("meeting", "Planlagt og innkalt samtale", "Planlagd og innkalla samtale", "Planned meeting"),
          choice(
            "informal",
            "Kort og uformell, ved henting/levering",
            "Kort og uformell, ved henting/levering",
            "Short and informal, at pick-up/drop-off",
          ),
          choice("phone", "På telefon", "På telefon", "By phone"),
        ]),
      ],
      source: `${point(1)}; ${guardianTalk} (innledning)`,
    },
    {
      id: "background",
      title: L("Kort om bakgrunn for samtalen", "Kort om bakgrunnen for samtalen", "Briefly, why we are talking"),
      guidance: [
        L(
          "Kom raskt til saken, og fortell kort om det dere undrer dere over. Undringen bør være konkret: hva er det som faktisk er sett, hørt, observert?",
          "Kom raskt til saka, og fortel kort om det de undrar dykk over. Undringa bør vere konkret: kva er det som faktisk er sett, høyrt, observert?",
          "Get to the point quickly and say briefly what you are wondering about. Be concrete: what has actually been seen, heard, observed?",
        ),
      ],
      fields: [
        textField(
          "observation",
          L("Hva er sett, hørt, observert?", "Kva er sett, høyrt, observert?", "What has been seen, heard, observed?"),
          {
            required: true,
            hint: noHealthDetails,
          },
        ),
      ],
      source: point(2),
    },
    {
      id: "guardians_view",
      title: L("Hva tenker foreldrene?", "Kva tenkjer foreldra?", "What do the parents think?"),
      guidance: [
        L(
          "Be foreldrene om innspill på hva de tenker om det de hører.",
          "Be foreldra om innspel på kva dei tenkjer om det dei høyrer.",
          "Ask the parents what they think about what they hear.",
        ),
      ],
      fields: [
        multiChoiceField(
          "guardian_causes",
          L(
            "Peker foresatte på noe av dette? (valgfritt)",
            "Peikar føresette på noko av dette? (valfritt)",
            "Do the guardians point to any of these? (optional)",
          ),
          guardianCauseCategories,
        ),
        textField(
          "guardians_view",
          L("Kort om hva foresatte tenker", "Kort om kva føresette tenkjer", "Briefly, what the guardians think"),
          { hint: noHealthDetails, maxLength: 300 },
        ),
      ],
      source: `${point(3)}; ${seed.cards} «Årsakskartlegging»`,
    },
  ];
}

function guardianTalkStepsFromExplore(point: (n: number) => string): TemplateStep[] {
  return [
    {
      id: "explore",
      title: L("Utforsk sammen", "Utforsk saman", "Explore together"),
      guidance: [
        L(
          "Utforsk sammen med foreldrene hva observasjonen bunner i.",
          "Utforsk saman med foreldra kva observasjonen botnar i.",
          "Explore together with the parents what lies behind what was observed.",
        ),
      ],
      fields: [
        textField(
          "explore_notes",
          L("Hva kom dere fram til? (kort)", "Kva kom de fram til? (kort)", "What did you find? (briefly)"),
          { hint: noHealthDetails },
        ),
      ],
      source: point(4),
    },
    {
      id: "goal",
      title: L("Mål og vurderingstidspunkt", "Mål og vurderingstidspunkt", "Goal and time of evaluation"),
      guidance: [
        L(
          "Bli enige om mål og vurderingstidspunkt (Hva vil vi se? Når?).",
          "Bli samde om mål og vurderingstidspunkt (Kva vil vi sjå? Når?).",
          "Agree on a goal and when to evaluate (What do we want to see? When?).",
        ),
      ],
      fields: [
        textField("goal", L("Hva vil vi se?", "Kva vil vi sjå?", "What do we want to see?"), {
          required: true,
          maxLength: 300,
        }),
        dateField("evaluation_date", L("Når vurderer vi?", "Når vurderer vi?", "When do we evaluate?"), {
          required: true,
        }),
      ],
      source: point(5),
    },
    {
      id: "first_steps",
      title: L("Første omgang", "Første omgang", "First steps"),
      guidance: [
        L(
          "Bli enige om hva som gjøres i første omgang.",
          "Bli samde om kva som blir gjort i første omgang.",
          "Agree on what is done first.",
        ),
      ],
      fields: [
        textField(
          "first_steps",
          L("Hva gjøres i første omgang?", "Kva blir gjort i første omgang?", "What is done first?"),
          { required: true, maxLength: 300 },
        ),
      ],
      source: point(6),
    },
  ];
}

function guardianTalkStepsFromMeasures(point: (n: number) => string): TemplateStep[] {
  return [
    {
      id: "measures",
      title: L("Tiltak", "Tiltak", "Measures"),
      guidance: [
        L(
          "Etter samtalen holder «stafettholderen» (den som har gjennomført samtalen) tak i oppmerksomheten/bekymringen. Er det ikke grunn til videre oppmerksomhet, avsluttes saken.",
          "Etter samtalen held «stafetthaldaren» (den som har gjennomført samtalen) fast på merksemda/bekymringa. Er det ikkje grunn til vidare merksemd, blir saka avslutta.",
          "After the talk the case holder (stafettholder – whoever held the talk) keeps hold of the concern. If there is no reason for further attention, the case is closed.",
        ),
      ],
      fields: [
        measuresField("measures", L("Tiltak", "Tiltak", "Measures"), measureAreas, {
          hint: L(
            "Område, tiltak, hvem som har ansvar, og dato for evaluering.",
            "Område, tiltak, kven som har ansvar, og dato for evaluering.",
            "Area, measure, who is responsible, and evaluation date.",
          ),
        }),
        choiceField(
          "follow_up",
          L("Videre oppmerksomhet", "Vidare merksemd", "Further attention"),
          [
            choice(
              "continue",
              "Jeg holder tak i bekymringen (stafettholder)",
              "Eg held fast på bekymringa (stafetthaldar)",
              "I keep hold of the concern (case holder)",
            ),
            choice(
              "close",
              "Ikke grunn til videre oppmerksomhet – saken avsluttes",
              "Ikkje grunn til vidare merksemd – saka blir avslutta",
              "No reason for further attention – the case is closed",
            ),
          ],
          { required: true },
        ),
      ],
      source: `${point(7)}; ${guardianTalk} (etter samtalen)`,
    },
  ];
}

export function wonderTalkGuardiansTemplate(profile: LadderProfile): TemplateDefinition {
  const point = (n: number): string => `${guardianTalk} «Forslag til struktur» ${n}`;
  return {
    id: "wonder_talk_guardians",
    version: 1,
    title: L(
      "Undringssamtale med foresatte",
      "Undringssamtale med føresette",
      "Exploratory talk with the guardians (undringssamtale)",
    ),
    source: guardianTalk,
    // What the teacher observed and the notes while exploring prepare the goal and the measures, which are logged.
    steps: withWorkingNotes(
      [
        ...guardianTalkStepsFromWelcome(point, profile),
        ...guardianTalkStepsFromExplore(point),
        ...guardianTalkStepsFromMeasures(point),
      ],
      (field) => field.id === "observation" || field.id === "explore_notes",
    ),
  };
}
