/**
 * Every text a user sees. Bokmål is the default; nynorsk and English follow the same keys.
 * Words follow the routines: kontaktlærer, tiltaksleder, stafettholder, nærværsmøte, samtykke.
 */
const nb = {
  welcome: {
    title: "Velkommen til Nærvær",
    intro:
      "Nærvær hjelper deg å følge kommunens rutine for bekymringsfullt fravær (opplæringslova § 10-6), slik at ingen elev blir oversett.",
    youWillReceiveHeading: "Dette får du fra Nærvær",
    youWillReceive: [
      "Et varsel her i chatten når en av elevene dine når et trinn i tiltakstrappen, med fraværsmønsteret ferdig analysert og fristen rutinen setter.",
      "Veiledning gjennom telefonsamtalen hjem, nærværsmøtet og undringssamtalen, og dokumentasjonen rutinen krever.",
      "Påminnelser om avtalte tiltak og evaluering etter tre uker, og varsel til tiltaksleder når rutinen sier det.",
    ],
    privacy:
      "Helsesykepleier og PPT får bare se en sak etter at samtykke er registrert. Nærvær sender aldri meldinger til foresatte selv.",
    rosterLine: "Du står som {roles} ved {school}. Skolen følger tiltakstrappen til {municipality} kommune.",
    contactTeacherOf: "kontaktlærer for {count} elever i {classes}",
    notInRoster:
      "Du er ikke registrert på noen skole i Nærvær ennå. Be skolens tiltaksleder eller IT-ansvarlig legge deg inn i elevregisteret.",
    commandsHeading: "Dette kan du skrive",
    commands: [
      { command: "hjelp", description: "viser denne oversikten" },
      { command: "språk nynorsk", description: "bytter språk (bokmål, nynorsk eller english)" },
    ],
  },
  roles: {
    contact_teacher: "kontaktlærer",
    team_lead: "teamleder",
    coordinator: "tiltaksleder",
    principal: "rektor",
    school_nurse: "helsesykepleier",
    ppt: "PPT",
    outreach: "los",
  },
  language: {
    changed: "Greit, jeg skriver bokmål til deg fra nå av.",
    unknown: "Skriv «språk bokmål», «språk nynorsk» eller «språk english».",
  },
  unknownMessage: "Jeg forstod ikke det. Skriv «hjelp» for å se hva Nærvær kan gjøre.",
  genericError: "Noe gikk galt hos Nærvær. Prøv igjen om litt; vedvarer feilen, kontakt skolens IT-ansvarlige.",
};

export type Messages = typeof nb;

const nn: Messages = {
  welcome: {
    title: "Velkomen til Nærvær",
    intro:
      "Nærvær hjelper deg å følgje kommunen sin rutine for fråvær som gjev grunn til uro (opplæringslova § 10-6), slik at ingen elev blir oversett.",
    youWillReceiveHeading: "Dette får du frå Nærvær",
    youWillReceive: [
      "Eit varsel her i chatten når ein av elevane dine når eit trinn i tiltakstrappa, med fråværsmønsteret ferdig analysert og fristen rutinen set.",
      "Rettleiing gjennom telefonsamtalen heim, nærværsmøtet og undringssamtalen, og dokumentasjonen rutinen krev.",
      "Påminningar om avtalte tiltak og evaluering etter tre veker, og varsel til tiltaksleiar når rutinen seier det.",
    ],
    privacy:
      "Helsesjukepleiar og PPT får berre sjå ei sak etter at samtykke er registrert. Nærvær sender aldri meldingar til føresette sjølv.",
    rosterLine: "Du står som {roles} ved {school}. Skulen følgjer tiltakstrappa til {municipality} kommune.",
    contactTeacherOf: "kontaktlærar for {count} elevar i {classes}",
    notInRoster:
      "Du er ikkje registrert på nokon skule i Nærvær enno. Be tiltaksleiaren eller IT-ansvarleg ved skulen leggje deg inn i elevregisteret.",
    commandsHeading: "Dette kan du skrive",
    commands: [
      { command: "hjelp", description: "viser denne oversikta" },
      { command: "språk bokmål", description: "byter språk (bokmål, nynorsk eller english)" },
    ],
  },
  roles: {
    contact_teacher: "kontaktlærar",
    team_lead: "teamleiar",
    coordinator: "tiltaksleiar",
    principal: "rektor",
    school_nurse: "helsesjukepleiar",
    ppt: "PPT",
    outreach: "los",
  },
  language: {
    changed: "Greitt, eg skriv nynorsk til deg frå no av.",
    unknown: "Skriv «språk bokmål», «språk nynorsk» eller «språk english».",
  },
  unknownMessage: "Eg forstod ikkje det. Skriv «hjelp» for å sjå kva Nærvær kan gjere.",
  genericError: "Noko gjekk gale hos Nærvær. Prøv igjen om litt; held feilen fram, kontakt IT-ansvarleg ved skulen.",
};

const en: Messages = {
  welcome: {
    title: "Welcome to Nærvær",
    intro:
      "Nærvær helps you follow your municipality's routine for concerning school absence (Education Act § 10-6), so that no pupil slips through.",
    youWillReceiveHeading: "What you will get from Nærvær",
    youWillReceive: [
      "A notice in this chat when one of your pupils reaches a step of the escalation ladder (tiltakstrapp), with the absence pattern analysed and the deadline the routine sets.",
      "Guidance through the phone call home, the attendance meeting (nærværsmøte) and the exploratory talk, and the documentation the routine requires.",
      "Reminders of agreed measures and the three-week evaluation, and a notice to the coordinator (tiltaksleder) when the routine calls for it.",
    ],
    privacy:
      "The school nurse and PPT only see a case once consent (samtykke) is recorded. Nærvær never messages guardians itself.",
    rosterLine: "You are registered as {roles} at {school}. The school follows the escalation ladder of {municipality} municipality.",
    contactTeacherOf: "contact teacher for {count} pupils in {classes}",
    notInRoster:
      "You are not registered at any school in Nærvær yet. Ask the school's coordinator or IT administrator to add you to the roster.",
    commandsHeading: "What you can type",
    commands: [
      { command: "hjelp", description: "shows this overview" },
      { command: "språk bokmål", description: "switches language (bokmål, nynorsk or English)" },
    ],
  },
  roles: {
    contact_teacher: "contact teacher",
    team_lead: "team lead",
    coordinator: "coordinator (tiltaksleder)",
    principal: "principal",
    school_nurse: "school nurse",
    ppt: "PPT",
    outreach: "outreach worker",
  },
  language: {
    changed: "Fine, I will write to you in English from now on.",
    unknown: "Type “språk bokmål”, “språk nynorsk” or “språk english”.",
  },
  unknownMessage: "I did not understand that. Type “hjelp” to see what Nærvær can do.",
  genericError: "Something went wrong in Nærvær. Try again shortly; if it persists, contact the school's IT administrator.",
};

export type Language = "nb" | "nn" | "en";
const catalogs: Record<Language, Messages> = { nb, nn, en };

/** Teams sends locales like "nb-NO", "nn-NO", "no", "en-US"; anything unknown falls back to bokmål. */
export function pickLanguage(locale: string | undefined): Language {
  const tag = (locale ?? "").toLowerCase();
  if (tag.startsWith("nn")) return "nn";
  if (tag.startsWith("en")) return "en";
  return "nb";
}

export function messagesFor(language: Language): Messages {
  return catalogs[language];
}

/** Fills {placeholders}; a missing value is left visible rather than silently blank. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
