// RFC 3339 date-time (section 5.6), checked field by field: Date.parse accepts far more than
// RFC 3339 and differs between engines, so it cannot be the judge.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

// Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear takes the year as given.
function utc(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utc(year, month + 1, 0).getUTCDate();
}

/** The instant an RFC 3339 date-time names, or undefined when the string is not one. */
export function parseRfc3339(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [fraction = "", sign, offsetHour = "00", offsetMinute = "00"] = m.slice(7);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // second 60 is a leap second; JavaScript time has none, so it counts as the next instant.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  if (Number(offsetHour) > 23 || Number(offsetMinute) > 59) return undefined;
  const offset = (sign === "-" ? -1 : 1) * (Number(offsetHour) * 60 + Number(offsetMinute));
  const millis = Number(`0.${fraction || "0"}`) * 1000;
  const date = utc(year, month, day, hour, minute - offset, second, Math.floor(millis));
  return Number.isFinite(date.getTime()) ? date : undefined;
}
