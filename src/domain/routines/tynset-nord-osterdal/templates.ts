import { L, choice, choiceField, seed, textField } from "../../templates/common";
import type { RoutineTemplates } from "../types";

const order2 = `; ${seed.tynset} «Praktisk handlingsrekkefølge» 2)`;
const order4 = `; ${seed.tynset} «Praktisk handlingsrekkefølge» 4)`;

export const tynsetNordOsterdalTemplates: RoutineTemplates = {
  variant: "common",
  stepWord: L("Trinn", "Trinn", "Step"),
  system: "Min skole",
  // 004 pkt. 4: «Samarbeidsavtale skrives og følges opp/evalueres» without a length; three weeks as in 002 §1.3.
  evaluation: {
    unit: "weeks",
    amount: 3,
    source: `${seed.tynset} «Praktisk handlingsrekkefølge» 4); ${seed.molde} §1.3`,
  },
  attendanceMeeting: {
    planFields: [
      textField(
        "plan_responsible",
        L("Hvem har hovedansvaret?", "Kven har hovudansvaret?", "Who holds the main responsibility?"),
        { maxLength: 120 },
      ),
    ],
    planSourcePrefix: `${seed.tynset} «Praktisk handlingsrekkefølge» 4); `,
  },
  additions: {
    attendance_meeting: {
      welcome: {
        // 004 pkt. 4: «Innen 2-5 dager etter fagmøtet innkalles foresatte og elev sammen med aktuelle instanser. Teamet avgjør hvem som har hovedansvaret …»
        guidance: [
          L(
            "Foresatte og elev innkalles sammen med aktuelle instanser innen 2–5 dager etter fagmøtet. Teamet avgjør hvem som har hovedansvaret, og avklarer mandat og ansvarsområde.",
            "Føresette og elev blir kalla inn saman med aktuelle instansar innan 2–5 dagar etter fagmøtet. Teamet avgjer kven som har hovudansvaret, og avklarer mandat og ansvarsområde.",
            "Guardians and pupil are invited together with the relevant services within 2–5 days of the team meeting (fagmøte). The team decides who holds the main responsibility, and clarifies mandate and areas of responsibility.",
          ),
        ],
        source: order4,
      },
      document: { source: order4 },
    },
    phone_call: {
      call: { source: order2 },
      meeting: {
        // 004 «Praktisk handlingsrekkefølge» 2): «Ber om samtykke til drøfting i aktuelle tverrfaglige team.»
        guidance: [
          L(
            "Be om samtykke til drøfting i aktuelle tverrfaglige team.",
            "Be om samtykke til drøfting i aktuelle tverrfaglege team.",
            "Ask for consent (samtykke) to discuss the case in the relevant interdisciplinary team.",
          ),
        ],
        fields: [
          choiceField(
            "consent",
            L(
              "Samtykke til drøfting i tverrfaglig team",
              "Samtykke til drøfting i tverrfagleg team",
              "Consent to discussion in the interdisciplinary team",
            ),
            [
              choice("given", "Foresatte samtykker", "Føresette samtykkjer", "The guardians consent"),
              choice(
                "not_given",
                "Foresatte samtykker ikke",
                "Føresette samtykkjer ikkje",
                "The guardians do not consent",
              ),
              choice("not_asked", "Ikke spurt ennå", "Ikkje spurt enno", "Not asked yet"),
            ],
            { required: true },
          ),
        ],
        source: order2,
      },
      document: {
        // 004 «Fravær»: «Når skolefraværet begrunnes med sykdom, utenom vanlige forkjølelser, omgangssyke etc., bes foresatte kontakte lege.»
        guidance: [
          L(
            "Når fraværet begrunnes med sykdom utenom vanlige forkjølelser, omgangssyke o.l., bes foresatte kontakte lege.",
            "Når fråværet blir grunngitt med sjukdom utanom vanlege forkjølingar, omgangssjuke o.l., blir føresette bedne om å kontakte lege.",
            "When the absence is explained by illness beyond ordinary colds, stomach bugs and the like, the guardians are asked to contact a doctor.",
          ),
        ],
        source: `; ${seed.tynset} «Fravær» – «Oppfølging av bekymringsfullt fravær»`,
      },
    },
  },
};
