// The server's clock placed in business hours (08:30–17:30 on working days, Asia/Shanghai) for the browser
// tests whose deadlines count business time. The clock is the one thing a test may move
// (CLOCK_OFFSET_MINUTES, at most a day either way): when it is outside them now, it is moved to 10:00 of
// the nearest weekday within reach. None within reach (a Saturday's middle): `offsetMinutes` is null and
// the test checks what the next working morning gives.

const zone = 'Asia/Shanghai';

/** A moment's day, minute of the day and whether it is a weekday, in Asia/Shanghai. */
export const local = (d: Date) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: !['Sat', 'Sun'].includes(String(parts.weekday)),
  };
};

export const offsetMinutes = (() => {
  const now = new Date();
  const here = local(now);
  if (here.weekday && here.minutes >= 8 * 60 + 45 && here.minutes <= 16 * 60 + 15) return 0;
  const candidates = [-1, 0, 1]
    .map((n) => {
      const d = new Date(now.getTime() + n * 86_400_000);
      const l = local(d);
      return { weekday: l.weekday, minutes: n * 1440 + (10 * 60 - here.minutes) };
    })
    .filter((c) => c.weekday && Math.abs(c.minutes) <= 1440)
    .sort((a, b) => Math.abs(a.minutes) - Math.abs(b.minutes));
  return candidates[0]?.minutes ?? null;
})();

/** The server's now (its clock moved by the offset). */
export const serverNow = () => new Date(Date.now() + (offsetMinutes ?? 0) * 60_000);
