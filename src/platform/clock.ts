/**
 * The day in Suzhou (Asia/Shanghai, UTC+8 all year, no daylight saving), 'YYYY-MM-DD', and its year.
 * Services read the clock through these; engines never do. One definition, so that a qualification
 * recorded "today" by one module is valid "today" in another (between 16:00 and 24:00 UTC the two
 * calendars differ).
 */
export const suzhouDay = (now = new Date()): string => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
export const suzhouYear = (now = new Date()): number => Number(suzhouDay(now).slice(0, 4));
/** An instant as Suzhou (Beijing) wall-clock time, 'YYYY-MM-DD HH:mm' (with seconds: 'YYYY-MM-DD HH:mm:ss'). */
export const suzhouDateTime = (at: Date | string, seconds = false): string => {
  const ms = (typeof at === 'string' ? new Date(at) : at).getTime();
  if (Number.isNaN(ms)) return String(at);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');
};
