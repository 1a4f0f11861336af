export const templateIds = [
  "phone_call",
  "absence_message",
  "attendance_meeting",
  "wonder_talk_pupil",
  "wonder_talk_guardians",
  "vulnerability_mapping",
  "consent",
] as const;
export type TemplateId = (typeof templateIds)[number];

export function isTemplateId(id: string): id is TemplateId {
  return (templateIds as readonly string[]).includes(id);
}
