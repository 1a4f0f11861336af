// Building an Intl.DateTimeFormat costs far more than using one; every case card asks for several instants.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const timesOfDay = new Map<string, Intl.DateTimeFormat>();

function formatterOf(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(timeZone);
  if (!format) cache.set(timeZone, (format = new Intl.DateTimeFormat("en-GB", { timeZone, ...options })));
  return format;
}

/** The instant at which the wall clock in `timeZone` shows `time` (HH:MM) on `date`. */
export function localTimeToInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = formatterOf(wallClocks, timeZone, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const shownAsUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"));
  return new Date(guess.getTime() - (shownAsUtc - guess.getTime()));
}

/** HH:MM on the wall clock of `timeZone` at `instant`. */
export function localTimeOf(instant: Date, timeZone: string): string {
  return formatterOf(timesOfDay, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}
