import type { Roster } from "../domain/roster";

/**
 * A synthetic school for local runs. Staff use the Agents Playground's built-in users, so whoever
 * opens the Playground (Alex Wilber by default) is a kontaktlærer with real-looking pupils.
 * The Playground always reports the locale en-US, so the demo staff are set to bokmål in the roster.
 * Every pupil here is invented.
 */
export const playgroundUsers = {
  alexWilber: "00000000-0000-0000-0000-0000000000020",
  meganBowen: "00000000-0000-0000-0000-0000000000021",
  adeleVance: "00000000-0000-0000-0000-0000000000022",
  isaiahLanger: "00000000-0000-0000-0000-0000000000023",
} as const;

export const demoSchoolId = "demo-nordbyen";

export const demoRoster: Roster = {
  schools: [
    {
      id: demoSchoolId,
      name: "Nordbyen skole (demo)",
      municipality: "Molde",
      ladder: "molde-nordbyen",
      timeZone: "Europe/Oslo",
      schoolYearStart: "2026-08-19",
      holidays: [
        { from: "2026-09-28", to: "2026-10-02", name: "Høstferie" },
        { from: "2026-12-21", to: "2027-01-01", name: "Juleferie" },
        { from: "2027-02-22", to: "2027-02-26", name: "Vinterferie" },
      ],
    },
  ],
  staff: [
    {
      aadObjectId: playgroundUsers.alexWilber,
      name: "Alex Wilber",
      email: "alexw@example.com",
      language: "nb",
      roles: [{ schoolId: demoSchoolId, role: "contact_teacher" }],
    },
    {
      aadObjectId: playgroundUsers.meganBowen,
      name: "Megan Bowen",
      email: "meganb@example.com",
      roles: [{ schoolId: demoSchoolId, role: "coordinator" }],
    },
    {
      aadObjectId: playgroundUsers.adeleVance,
      name: "Adele Vance",
      email: "adelev@example.com",
      roles: [{ schoolId: demoSchoolId, role: "school_nurse" }],
    },
    {
      aadObjectId: playgroundUsers.isaiahLanger,
      name: "Isaiah Langer",
      email: "isaiahl@example.com",
      roles: [{ schoolId: demoSchoolId, role: "principal" }],
    },
  ],
  pupils: [
    ["demo-p1", "Emma Fjellheim", "2014-02-11"],
    ["demo-p2", "Noah Strandvik", "2014-05-23"],
    ["demo-p3", "Sofie Lien", "2014-09-02"],
    ["demo-p4", "Jakob Moen", "2014-11-30"],
    ["demo-p5", "Ella Bakken", "2014-03-17"],
    ["demo-p6", "Filip Dahl", "2014-07-08"],
  ].map(([id, name, birthDate]) => ({
    id: id!,
    name: name!,
    birthDate: birthDate!,
    schoolId: demoSchoolId,
    grade: 7,
    className: "7B",
    contactTeacherIds: [playgroundUsers.alexWilber],
  })),
};
