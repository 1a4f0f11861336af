import { L, type MeasureArea, deepFreeze, normalizeMeasureArea, seed } from "./common";
import type { Localized } from "./types";

/**
 * Tiltaksbank: suggestions for measures, to pick from and adjust with the pupil («Tiltak skal alltid
 * utformes sammen med eleven!», 001). Two sources:
 * - 003 «DEL 2: Tiltak i forbindelse med bekymringsfullt og/eller alvorlig skolefravær/skolevegring», categories 1–12;
 * - 001 «Pedagogisk analyse og tiltaksbank», by the areas skole / hjem / fritid / elev and their sub-areas.
 * A selection of each list, in the seeds' words (shortened where long), with the areas a measure row would use.
 */

export interface TiltakSuggestion {
  id: string;
  areas: readonly MeasureArea[];
  label: Localized;
  source: string;
}

export interface TiltakCategory {
  id: string;
  /** The category's number in 003 (1–12); null for the 001 sub-areas. */
  number: number | null;
  title: Localized;
  areas: readonly MeasureArea[];
  source: string;
  suggestions: readonly TiltakSuggestion[];
}

type Row = readonly [nb: string, nn: string, en: string, areas?: readonly MeasureArea[]];

function category(
  id: string,
  number: number | null,
  title: Localized,
  areas: readonly MeasureArea[],
  source: string,
  rows: readonly Row[],
): TiltakCategory {
  return {
    id,
    number,
    title,
    areas,
    source,
    suggestions: rows.map(([nb, nn, en, own], i) => ({
      id: `${id}.${i + 1}`,
      areas: own ?? areas,
      label: L(nb, nn, en),
      source,
    })),
  };
}

const bank003 = (n: number, title: string): string => `${seed.cards} «DEL 2: Tiltak» ${n}. ${title}`;
const bank001 = (area: string): string => `${seed.lillestrom} «Pedagogisk analyse og tiltaksbank» ${area}`;

export const tiltaksbank: readonly TiltakCategory[] = deepFreeze([
  // ── 003, categories 1–12 ──
  category(
    "cause_mapping",
    1,
    L("Årsakskartlegging", "Årsakskartlegging", "Mapping the causes"),
    ["elev", "hjem", "skole"],
    bank003(1, "Årsakskartlegging"),
    [
      [
        "Kartlegge årsaker til fravær sammen med eleven.",
        "Kartleggje årsaker til fråvær saman med eleven.",
        "Map the causes of absence together with the pupil.",
        ["elev"],
      ],
      [
        "Kartlegge foresattes og skolens (eventuelt andre instansers) forklaringer på fraværet.",
        "Kartleggje forklaringane til føresette og skulen (eventuelt andre instansar) på fråværet.",
        "Map the guardians' and the school's (and any other services') explanations of the absence.",
        ["hjem", "skole"],
      ],
      [
        "Sette i gang noen tiltak allerede fra første dag, særlig for trygghet og forutsigbarhet, så kartleggingen ikke står i veien for handling.",
        "Setje i gang nokre tiltak allereie frå første dag, særleg for tryggleik og føreseielegheit, så kartlegginga ikkje står i vegen for handling.",
        "Start some measures from day one, especially for safety and predictability, so mapping does not hold up action.",
        ["skole"],
      ],
    ],
  ),
  category(
    "safety_predictability",
    2,
    L(
      "Øke trygghet og forutsigbarhet – tilbakeføring",
      "Auke tryggleik og føreseielegheit – tilbakeføring",
      "More safety and predictability – returning to school",
    ),
    ["skole", "elev"],
    bank003(2, "Øke trygghet og forutsigbarhet - tilbakeføring"),
    [
      [
        "Besøke skolegården, gymsal, kantine eller toalett utenom skoletid.",
        "Besøkje skuleplassen, gymsalen, kantina eller toalettet utanom skuletid.",
        "Visit the schoolyard, gym, canteen or toilets outside school hours.",
      ],
      [
        "Møte kontaktlærer i klasserommet utenom skoletid.",
        "Møte kontaktlæraren i klasserommet utanom skuletid.",
        "Meet the contact teacher in the classroom outside school hours.",
      ],
      [
        "Kun delta i liten gruppe i en periode, og starte med det som kjennes overkommelig, for eksempel utvalgte favorittfag.",
        "Berre delta i lita gruppe i ein periode, og starte med det som kjennest overkomeleg, til dømes utvalde favorittfag.",
        "Take part only in a small group for a while, starting with what feels manageable, such as favourite subjects.",
      ],
      [
        "Gradvis eksponering for situasjoner eleven opplever som ubehagelige, som prøver, å snakke høyt i klassen eller kroppsøving.",
        "Gradvis eksponering for situasjonar eleven opplever som ubehagelege, som prøver, å snakke høgt i klassen eller kroppsøving.",
        "Gradual exposure to situations the pupil finds uncomfortable, such as tests, speaking up in class or PE.",
      ],
      [
        "Gi eleven alternativer til å gå hjem.",
        "Gi eleven alternativ til å gå heim.",
        "Give the pupil alternatives to going home.",
      ],
    ],
  ),
  category(
    "attendance_plan",
    3,
    L("Plan for nærvær", "Plan for nærvær", "Attendance plan"),
    ["skole", "hjem"],
    bank003(3, "Plan for nærvær"),
    [
      [
        "Gradvis tilbakeføring etter en individuelt tilpasset plan – konkret og målbar, med eleven med på råd.",
        "Gradvis tilbakeføring etter ein individuelt tilpassa plan – konkret og målbar, med eleven med på råd.",
        "Gradual return following an individual plan – concrete and measurable, with the pupil involved.",
        ["skole", "elev"],
      ],
      [
        "Innføre faste kvelds- og morgenrutiner, og begrense elektronikk i soveperioden.",
        "Innføre faste kvelds- og morgonrutinar, og avgrense elektronikk i sovetida.",
        "Introduce fixed evening and morning routines, and limit screens at night.",
        ["hjem"],
      ],
      [
        "Oppmuntring om morgenen (telefonsamtale eller tekstmelding fra skolen).",
        "Oppmuntring om morgonen (telefonsamtale eller tekstmelding frå skulen).",
        "Encouragement in the morning (a call or text from school).",
        ["skole"],
      ],
      [
        "Eleven blir møtt i skolegården eller på annet avtalt sted og får følge til klasserommet.",
        "Eleven blir møtt på skuleplassen eller ein annan avtalt stad og får følgje til klasserommet.",
        "The pupil is met in the schoolyard or another agreed place and walked to the classroom.",
        ["skole"],
      ],
      [
        "Daglig kontakt mellom skole og hjem i tilbakeføringsfasen.",
        "Dagleg kontakt mellom skule og heim i tilbakeføringsfasen.",
        "Daily contact between school and home during the return phase.",
      ],
      [
        "Støtte foresatte med veiledning i tilbakeføringsperioden, så de klarer å «stå i situasjonen».",
        "Støtte føresette med rettleiing i tilbakeføringsperioden, så dei klarer å «stå i situasjonen».",
        "Support the guardians with guidance during the return period so they can stay the course.",
        ["hjem"],
      ],
    ],
  ),
  category(
    "talks_guidance",
    4,
    L("Samtaler og veiledning", "Samtalar og rettleiing", "Talks and guidance"),
    ["elev", "hjem"],
    bank003(4, "Samtaler og veiledning"),
    [
      [
        "Faste, helst daglige, samtaler med kontaktlærer.",
        "Faste, helst daglege, samtalar med kontaktlæraren.",
        "Regular, preferably daily, talks with the contact teacher.",
        ["elev", "skole"],
      ],
      [
        "Faste samtaler med helsesykepleier, sosiallærer eller kommunepsykolog.",
        "Faste samtalar med helsesjukepleiar, sosiallærar eller kommunepsykolog.",
        "Regular talks with the school nurse, social teacher or municipal psychologist.",
        ["elev"],
      ],
      [
        "Motiverende samtaler med utvalgte faglærere, kontaktlærer eller rådgiver.",
        "Motiverande samtalar med utvalde faglærarar, kontaktlæraren eller rådgjevaren.",
        "Motivational talks with selected subject teachers, the contact teacher or the counsellor.",
        ["elev", "skole"],
      ],
      [
        "Tilby foreldre foreldreveiledning.",
        "Tilby foreldra foreldrerettleiing.",
        "Offer the parents parental guidance.",
        ["hjem"],
      ],
    ],
  ),
  category(
    "structure",
    5,
    L("Struktur og forutsigbarhet", "Struktur og føreseielegheit", "Structure and predictability"),
    ["skole"],
    bank003(5, "Struktur og forutsigbarhet"),
    [
      [
        "Egen, tilpasset dagsplan og arbeidsplan som sier hvem, hva og hvor.",
        "Eigen, tilpassa dagsplan og arbeidsplan som seier kven, kva og kvar.",
        "An individual day plan and work plan that says who, what and where.",
      ],
      [
        "Forberede og informere eleven om endringer i dagsrutiner, som turdager og markeringer.",
        "Førebu og informere eleven om endringar i dagsrutinane, som turdagar og markeringar.",
        "Prepare and inform the pupil about changes in the daily routine, such as outing days and celebrations.",
      ],
      [
        "Sørge for at alle lærere og vikarer kjenner avtalene som er inngått.",
        "Sørgje for at alle lærarar og vikarar kjenner avtalane som er inngått.",
        "Make sure all teachers and substitutes know the agreements made.",
      ],
      [
        "Faste samarbeidsmøter med alle involverte til fraværet ikke lenger er bekymringsfullt.",
        "Faste samarbeidsmøte med alle involverte til fråværet ikkje lenger er bekymringsfullt.",
        "Regular cooperation meetings with everyone involved until the absence is no longer a concern.",
        ["skole", "hjem"],
      ],
      [
        "Gi eleven alternativer til å gå hjem, for eksempel en pause på biblioteket før eleven går tilbake til klassen.",
        "Gi eleven alternativ til å gå heim, til dømes ein pause på biblioteket før eleven går tilbake til klassen.",
        "Give alternatives to going home, such as a break in the library before going back to class.",
      ],
    ],
  ),
  category(
    "adjusted_demands",
    6,
    L(
      "Tilpasning av krav i forbindelse med evaluering og arbeidsbyrde",
      "Tilpassing av krav ved vurdering og arbeidsmengd",
      "Adjusting demands: assessment and workload",
    ),
    ["skole"],
    bank003(6, "Tilpasning av krav i forbindelse med evaluering og arbeidsbyrde"),
    [
      [
        "Fokusere på fag eleven mestrer, med oppgaver som virker overkommelige.",
        "Fokusere på fag eleven meistrar, med oppgåver som verkar overkomelege.",
        "Focus on subjects the pupil masters, with tasks that feel manageable.",
      ],
      [
        "Tilpassede prøver: muntlig i stedet for skriftlig, lengre tid, på grupperom med en voksen.",
        "Tilpassa prøver: munnleg i staden for skriftleg, lengre tid, på grupperom med ein vaksen.",
        "Adjusted tests: oral instead of written, more time, in a group room with an adult.",
      ],
      ["Fritak fra lekser i en periode.", "Fritak frå lekser i ein periode.", "No homework for a period."],
      [
        "Gradvis tilvenning til vurdering ved å øve på vurderingssituasjoner i trygge rammer.",
        "Gradvis tilvenning til vurdering ved å øve på vurderingssituasjonar i trygge rammer.",
        "Gradually get used to assessment by practising in a safe setting.",
      ],
      [
        "«Frisk start»: sette strek over tidligere anmerkninger og mangler.",
        "«Frisk start»: setje strek over tidlegare merknader og manglar.",
        "A «fresh start»: wipe the slate of earlier remarks and missing work.",
      ],
    ],
  ),
  category(
    "social_participation",
    7,
    L(
      "Tilpasning i forbindelse med sosial deltakelse",
      "Tilpassing ved sosial deltaking",
      "Adjusting social participation",
    ),
    ["skole"],
    bank003(7, "Tilpasning i forbindelse med sosial-deltakelse"),
    [
      [
        "Gjennomtenkt gruppeinndeling, så eleven kan delta på «sitt vis».",
        "Gjennomtenkt gruppeinndeling, så eleven kan delta på «sin måte».",
        "Thoughtful grouping so the pupil can take part in their own way.",
      ],
      [
        "Gradvis tilvenning til muntlig deltakelse, med øving 1:1 eller i liten gruppe.",
        "Gradvis tilvenning til munnleg deltaking, med øving 1:1 eller i lita gruppe.",
        "Gradually build up oral participation, practising one-to-one or in a small group.",
      ],
      [
        "Fagsamtale eller framlegg med lærer i stedet for foran klassen, i en periode.",
        "Fagsamtale eller framlegg med læraren i staden for framfor klassen, i ein periode.",
        "A subject talk or presentation with the teacher instead of in front of the class, for a period.",
      ],
      [
        "Mulighet for å skifte i egen garderobe.",
        "Høve til å skifte i eigen garderobe.",
        "The option of changing in a separate changing room.",
      ],
    ],
  ),
  category(
    "adult_relations",
    8,
    L("Styrke voksenrelasjoner", "Styrkje vaksenrelasjonar", "Strengthening relationships with adults"),
    ["skole", "fritid"],
    bank003(8, "Styrke voksenrelasjoner"),
    [
      [
        "Bli kjent med eleven gjennom samtaler om positive sider, uten problematiske temaer.",
        "Bli kjend med eleven gjennom samtalar om positive sider, utan problematiske tema.",
        "Get to know the pupil through talks about positive things, steering clear of problems.",
        ["skole"],
      ],
      [
        "Fast person som tar imot eleven om morgenen.",
        "Fast person som tek imot eleven om morgonen.",
        "A set person who meets the pupil in the morning.",
        ["skole"],
      ],
      [
        "SMS eller annen kontakt mellom kontaktlærer og elev, særlig etter ferier.",
        "SMS eller anna kontakt mellom kontaktlærar og elev, særleg etter feriar.",
        "Texts or other contact between contact teacher and pupil, especially after holidays.",
        ["skole"],
      ],
      [
        "Styrke andre viktige voksenrelasjoner, som slektninger eller trener.",
        "Styrkje andre viktige vaksenrelasjonar, som slektningar eller trenar.",
        "Strengthen other important adult relationships, such as relatives or a coach.",
        ["fritid", "hjem"],
      ],
    ],
  ),
  category(
    "peer_relations",
    9,
    L("Styrke jevnalderrelasjoner", "Styrkje relasjonar til jamaldrande", "Strengthening peer relationships"),
    ["skole", "fritid"],
    bank003(9, "Styrke jevnalderelasjoner"),
    [
      ["Koble eleven til en medelev.", "Kople eleven til ein medelev.", "Pair the pupil with a classmate.", ["skole"]],
      [
        "Plassere eleven i grupper med elever eleven er trygg på.",
        "Plassere eleven i grupper med elevar eleven er trygg på.",
        "Put the pupil in groups of pupils they feel safe with.",
        ["skole"],
      ],
      [
        "Sørge for at eleven har noen å gå sammen med til skolen.",
        "Sørgje for at eleven har nokon å gå saman med til skulen.",
        "Make sure the pupil has someone to walk to school with.",
      ],
      [
        "Holde kontakt med klassen når eleven er borte, for eksempel brev eller besøk fra klassekamerater.",
        "Halde kontakt med klassen når eleven er borte, til dømes brev eller besøk frå klassekameratar.",
        "Keep contact with the class while the pupil is away, such as letters or visits from classmates.",
      ],
    ],
  ),
  category(
    "class_environment",
    10,
    L("Styrke klassemiljø og kultur", "Styrkje klassemiljø og kultur", "Strengthening class environment and culture"),
    ["skole"],
    bank003(10, "Styrke klassemiljø og kultur"),
    [
      [
        "Lage klasseregler for godt miljø og samspill.",
        "Lage klassereglar for godt miljø og samspel.",
        "Make class rules for a good environment and cooperation.",
      ],
      [
        "Faste aktiviteter i friminuttene (trivselsleder).",
        "Faste aktivitetar i friminutta (trivselsleiar).",
        "Regular activities during breaks (break-time leaders).",
      ],
      [
        "Jobbe for en klassekultur som er mer prosessorientert enn prestasjonsorientert.",
        "Arbeide for ein klassekultur som er meir prosessorientert enn prestasjonsorientert.",
        "Work towards a class culture focused more on process than performance.",
      ],
    ],
  ),
  category(
    "reinforcement",
    11,
    L("Forsterkning", "Forsterking", "Reinforcement"),
    ["skole", "hjem", "fritid"],
    bank003(11, "Forsterkning"),
    [
      [
        "Tegnøkonomi: poeng for konkrete mål, som å komme presis, med en belønning eleven er med på å velge.",
        "Teiknøkonomi: poeng for konkrete mål, som å kome presis, med ei løning eleven er med på å velje.",
        "A token system: points for concrete goals, such as arriving on time, with a reward the pupil helps choose.",
        ["skole", "hjem"],
      ],
      [
        "Positive aktiviteter på fritiden med venner og familie.",
        "Positive aktivitetar på fritida med vener og familie.",
        "Positive leisure activities with friends and family.",
        ["fritid", "hjem"],
      ],
      [
        "Eleven får påvirke undervisningsform og oppgaver.",
        "Eleven får påverke undervisningsform og oppgåver.",
        "The pupil gets a say in teaching methods and tasks.",
        ["skole"],
      ],
    ],
  ),
  category("transitions", 12, L("Overganger", "Overgangar", "Transitions"), ["skole"], bank003(12, "Overganger"), [
    [
      "Gi eleven god informasjon om hva som skal skje i kommende uke, termin eller skoleår: hva, hvem, hvor.",
      "Gi eleven god informasjon om kva som skal skje i komande veke, termin eller skuleår: kva, kven, kvar.",
      "Tell the pupil clearly what will happen in the coming week, term or year: what, who, where.",
    ],
    [
      "Holde kontakt med eleven i overganger knyttet til ferier, gjerne med en oppmuntrende SMS.",
      "Halde kontakt med eleven i overgangar knytte til feriar, gjerne med ein oppmuntrande SMS.",
      "Keep in touch over holiday transitions, for example with an encouraging text.",
    ],
    [
      "Møte med ny kontaktlærer og omvisning før skolestart.",
      "Møte med ny kontaktlærar og omvising før skulestart.",
      "A meeting with the new contact teacher and a tour before school starts.",
    ],
  ]),

  // ── 001, by area ──
  category(
    "school_relations",
    null,
    L("Skole – relasjoner", "Skule – relasjonar", "School – relationships"),
    ["skole"],
    bank001("SKOLE Relasjoner"),
    [
      [
        "«Banking time»: elev og lærer gjør en lystbetont aktivitet eleven selv ønsker, i et begrenset tidsrom.",
        "«Banking time»: elev og lærar gjer ein lystbetont aktivitet eleven sjølv ønskjer, i eit avgrensa tidsrom.",
        "«Banking time»: pupil and teacher do an enjoyable activity the pupil chooses, for a limited time.",
      ],
      [
        "Oppretthold jevnlig skriftlig kontakt med eleven (sms, e-post, Teams eller brev).",
        "Oppretthald jamleg skriftleg kontakt med eleven (sms, e-post, Teams eller brev).",
        "Keep regular written contact with the pupil (text, email, Teams or letters).",
      ],
      [
        "Voksenstyrte sosiale tiltak: lekegrupper, trivselsledere, strukturerte aktiviteter i friminuttene.",
        "Vaksenstyrte sosiale tiltak: leikegrupper, trivselsleiarar, strukturerte aktivitetar i friminutta.",
        "Adult-led social measures: play groups, break-time leaders, structured break activities.",
      ],
      [
        "Eleven lager en liste over trygge elever som lærer bruker ved gruppeinndeling.",
        "Eleven lagar ei liste over trygge elevar som læraren brukar ved gruppeinndeling.",
        "The pupil lists classmates they feel safe with, for the teacher to use when grouping.",
      ],
    ],
  ),
  category(
    "school_learning_environment",
    null,
    L("Skole – læringsmiljø", "Skule – læringsmiljø", "School – learning environment"),
    ["skole"],
    bank001("SKOLE Læringsmiljø"),
    [
      [
        "Gjør tilpasninger for morgensituasjonen, som «åpen kantine» og «åpent klasserom».",
        "Gjer tilpassingar for morgonsituasjonen, som «open kantine» og «ope klasserom».",
        "Adapt the morning, for example with an «open canteen» or «open classroom».",
      ],
      [
        "Alle voksne rundt eleven er informert om elevens behov og avtaler.",
        "Alle vaksne rundt eleven er informerte om behova og avtalane til eleven.",
        "All adults around the pupil know the pupil's needs and agreements.",
      ],
      [
        "Sørg for tydelig klasseledelse med samkjørte voksne.",
        "Sørg for tydeleg klasseleiing med samkøyrde vaksne.",
        "Ensure clear classroom leadership with adults who act alike.",
      ],
    ],
  ),
  category(
    "school_structure",
    null,
    L("Skole – struktur og rutiner", "Skule – struktur og rutinar", "School – structure and routines"),
    ["skole"],
    bank001("SKOLE Struktur og rutiner"),
    [
      [
        "Undersøk om det er mønster i fraværet knyttet til spesifikke dager eller timer.",
        "Undersøk om det er mønster i fråværet knytt til bestemte dagar eller timar.",
        "Check whether the absence follows particular days or lessons.",
      ],
      [
        "Gi beskjed i god tid hvis planer endres, og informer om «annerledesdager».",
        "Gi beskjed i god tid dersom planar blir endra, og informer om «annleisdagar».",
        "Give notice in good time when plans change, and tell the pupil about unusual days.",
      ],
      [
        "En trygg voksen møter eleven utenfor skolebygget, så foresatte kan dra.",
        "Ein trygg vaksen møter eleven utanfor skulebygget, så føresette kan dra.",
        "A trusted adult meets the pupil outside the school building so the guardians can leave.",
      ],
    ],
  ),
  category(
    "school_mastery",
    null,
    L("Skole – mestring", "Skule – meistring", "School – mastery"),
    ["skole"],
    bank001("SKOLE Mestring"),
    [
      [
        "Tilpass oppgaver, og legg i sårbare perioder opp til oppgaver eleven vil mestre.",
        "Tilpass oppgåver, og legg i sårbare periodar opp til oppgåver eleven vil meistre.",
        "Adapt tasks, and in vulnerable periods choose tasks the pupil will manage.",
      ],
      [
        "Avtal at eleven ikke trenger å snakke høyt eller vise fram oppgaver i klasserommet i en periode.",
        "Avtal at eleven ikkje treng å snakke høgt eller vise fram oppgåver i klasserommet i ein periode.",
        "Agree that for a period the pupil need not speak up or show work in class.",
      ],
      [
        "Begrens lekser og antall vurderingssituasjoner.",
        "Avgrens lekser og talet på vurderingssituasjonar.",
        "Limit homework and the number of assessments.",
      ],
    ],
  ),
  category(
    "home_family_dynamics",
    null,
    L("Hjem – familiedynamikk", "Heim – familiedynamikk", "Home – family dynamics"),
    ["hjem"],
    bank001("HJEM Familiedynamikk"),
    [
      [
        "Snakk sammen om terskel for fravær.",
        "Snakk saman om terskelen for fråvær.",
        "Talk together about the threshold for staying at home.",
      ],
      [
        "Fortsett å gjøre hyggelige ting som familie, også i perioder med høyt fravær.",
        "Hald fram med å gjere hyggelege ting som familie, òg i periodar med høgt fråvær.",
        "Keep doing nice things as a family, also in periods of high absence.",
      ],
      [
        "Samarbeid tidlig med helsesykepleier (husk samtykke).",
        "Samarbeid tidleg med helsesjukepleiaren (hugs samtykke).",
        "Work with the school nurse early (remember consent).",
      ],
    ],
  ),
  category(
    "home_structure",
    null,
    L("Hjem – struktur og rutiner", "Heim – struktur og rutinar", "Home – structure and routines"),
    ["hjem"],
    bank001("HJEM Struktur og rutiner"),
    [
      [
        "Gode hverdagsrutiner for søvn, måltider, fysisk aktivitet og internettbruk.",
        "Gode kvardagsrutinar for søvn, måltid, fysisk aktivitet og internettbruk.",
        "Good daily routines for sleep, meals, physical activity and internet use.",
      ],
      [
        "Klare avtaler om hva eleven har tilgang til (mobil, tv, gaming) hvis eleven blir hjemme.",
        "Klare avtalar om kva eleven har tilgang til (mobil, tv, gaming) dersom eleven blir heime.",
        "Clear agreements on what the pupil can use (phone, TV, gaming) when staying at home.",
      ],
      [
        "Avklar roller og ansvar ved leggetid og om morgenen.",
        "Avklar roller og ansvar ved leggjetid og om morgonen.",
        "Agree roles and responsibilities at bedtime and in the morning.",
      ],
    ],
  ),
  category(
    "home_trust",
    null,
    L("Hjem – tillit og holdninger", "Heim – tillit og haldningar", "Home – trust and attitudes"),
    ["hjem"],
    bank001("HJEM Tillit og holdninger"),
    [
      [
        "Lag klare avtaler for kommunikasjon mellom skole og hjem.",
        "Lag klare avtalar for kommunikasjon mellom skule og heim.",
        "Make clear agreements for communication between school and home.",
        ["hjem", "skole"],
      ],
      [
        "Legg møter til tidspunkter som passer for foresatte, og sett alltid ny møtedato.",
        "Legg møte til tidspunkt som passar for føresette, og set alltid ny møtedato.",
        "Hold meetings at times that suit the guardians, and always set the next date.",
        ["hjem", "skole"],
      ],
      [
        "Foresatte er informert om skolerett og skoleplikt.",
        "Føresette er informerte om skulerett og skuleplikt.",
        "The guardians know the right and duty to education.",
      ],
    ],
  ),
  category(
    "leisure_network",
    null,
    L("Fritid – nettverk", "Fritid – nettverk", "Leisure – network"),
    ["fritid"],
    bank001("FRITID Nettverk"),
    [
      [
        "Kartlegg hvem eleven er sammen med på fritiden (fysisk og digitalt).",
        "Kartlegg kven eleven er saman med på fritida (fysisk og digitalt).",
        "Find out who the pupil spends leisure time with (in person and online).",
      ],
      [
        "Øk elevens besøk av venner hjemme.",
        "Auk besøka eleven får av vener heime.",
        "Have friends visit the pupil at home more often.",
        ["fritid", "hjem"],
      ],
      [
        "Undersøk om eleven har rett til støttekontakt.",
        "Undersøk om eleven har rett til støttekontakt.",
        "Check whether the pupil is entitled to a support contact.",
      ],
    ],
  ),
  category(
    "leisure_activities",
    null,
    L("Fritid – aktiviteter", "Fritid – aktivitetar", "Leisure – activities"),
    ["fritid"],
    bank001("FRITID Aktiviteter"),
    [
      [
        "Oppretthold fritidsaktiviteter for å unngå sosial isolasjon.",
        "Oppretthald fritidsaktivitetar for å unngå sosial isolasjon.",
        "Keep up leisure activities to avoid social isolation.",
      ],
      [
        "Bruk elevens interesser aktivt i skolearbeidet.",
        "Bruk interessene til eleven aktivt i skulearbeidet.",
        "Use the pupil's interests actively in schoolwork.",
        ["fritid", "skole"],
      ],
    ],
  ),
  category(
    "pupil_strengths",
    null,
    L("Elev – styrker", "Elev – styrkar", "Pupil – strengths"),
    ["elev"],
    bank001("ELEV Styrker"),
    [
      [
        "Kartlegg elevens styrker på skolen, hjemme og i fritiden.",
        "Kartlegg styrkane til eleven på skulen, heime og i fritida.",
        "Map the pupil's strengths at school, at home and in leisure time.",
      ],
      [
        "Definer hvilke styrker som kan brukes aktivt i arbeidet med å øke skolenærværet.",
        "Definer kva styrkar som kan brukast aktivt i arbeidet med å auke skulenærværet.",
        "Define which strengths can be used actively to increase attendance.",
      ],
    ],
  ),
  category(
    "pupil_vulnerabilities",
    null,
    L("Elev – sårbarheter", "Elev – sårbarheiter", "Pupil – vulnerabilities"),
    ["elev"],
    bank001("ELEV Sårbarheter"),
    [
      [
        "Fysiske plager må undersøkes av helsepersonell.",
        "Fysiske plager må undersøkjast av helsepersonell.",
        "Physical complaints must be examined by health personnel.",
      ],
      [
        "Ukentlige samtaler med en trygg og kompetent voksen.",
        "Vekentlege samtalar med ein trygg og kompetent vaksen.",
        "Weekly talks with a trusted and competent adult.",
      ],
      [
        "Ivareta behov for skjerming, pauser og exit-ruter: et sted å gå i stedet for å dra hjem.",
        "Ta vare på behov for skjerming, pausar og exit-ruter: ein stad å gå i staden for å dra heim.",
        "Provide shelter, breaks and exit routes: somewhere to go instead of going home.",
        ["elev", "skole"],
      ],
    ],
  ),
]);

/**
 * Suggestions for the given areas (skole, hjem, fritid, elev), in the bank's order: 003's categories
 * first, then 001's. No areas (or an empty list) gives every suggestion; unknown area ids are ignored,
 * so only unknown ids give none. The English aliases school / home / leisure / pupil are accepted.
 */
export function suggestMeasures(areas?: readonly string[]): TiltakSuggestion[] {
  const all = tiltaksbank.flatMap((c) => c.suggestions);
  if (!areas || areas.length === 0) return all;
  const wanted = new Set(areas.map((a) => normalizeMeasureArea(a)).filter((a): a is MeasureArea => a !== undefined));
  return all.filter((s) => s.areas.some((a) => wanted.has(a)));
}
