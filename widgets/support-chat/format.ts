/**
 * Dates, times and durations of the chat, through Intl in the customer's locale: day separators,
 * message times, the response promise ("1 hour") and the support hours' weekday names.
 */
import { WEEKDAYS, type Weekday } from '../../contracts/chat-rules.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** A day separator's text, e.g. "Tuesday 1 December 2026". */
export const formatDay = (at: number, locale: string) =>
  dateFormat(locale, { dateStyle: 'full' }).format(at);

/** The local calendar day of a time, to tell where a separator goes. */
export const dayKey = (at: number) => new Date(at).toDateString();

export const formatTime = (at: number, locale: string) =>
  dateFormat(locale, { timeStyle: 'short' }).format(at);

/** Minutes as the largest whole unit Intl names: "45 minutes", "1 hour", "1 day". */
export function formatDuration(minutes: number, locale: string): string {
  const [value, unit] =
    minutes % 1440 === 0 && minutes >= 1440
      ? [minutes / 1440, 'day']
      : minutes % 60 === 0 && minutes >= 60
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

// 2023-01-01 was a Sunday: day i of the week is that date plus i days (read in UTC).
const SUNDAY = Date.UTC(2023, 0, 1);

/** A weekday's name in the locale ("Monday", "lundi", "الاثنين"). */
export const weekdayName = (day: Weekday, locale: string) =>
  dateFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    SUNDAY + WEEKDAYS.indexOf(day) * 86_400_000,
  );

/** Monday first: the order a week of hours is read in most of the kit's locales. */
export const WEEK_FROM_MONDAY: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
