import type { Booking } from '@m4s/contracts';

/**
 * RFC 5545 text: backslash, semicolon, comma and every line break (CRLF, LF or a bare CR) escaped; other
 * control characters dropped — a bare CR would otherwise start a property of the writer's choosing.
 */
const escapeText = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
const fold = (line: string) => {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
};

const utc = (iso: string) =>
  new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * The booking as an iCalendar file (添加到日历): one VEVENT in UTC with the store's address, what to
 * bring, and an alarm one day before.
 */
export const bookingIcs = (b: Booking, now: Date, host: string): string => {
  const summary = `保养预约 · ${b.store.name}`;
  const details = [
    `服务项目：${b.serviceType.name}`,
    b.vehicle.plate ? `车辆：${b.vehicle.plate}` : null,
    b.serviceType.bring ? `请携带：${b.serviceType.bring}` : null,
    b.store.phone ? `门店电话：${b.store.phone}` : null,
  ].filter((x): x is string => x !== null);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//M4S//Booking//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${b.id}@${host}`,
    `DTSTAMP:${utc(now.toISOString())}`,
    `DTSTART:${utc(b.startsAt)}`,
    `DTEND:${utc(b.endsAt)}`,
    `SUMMARY:${escapeText(summary)}`,
    `LOCATION:${escapeText(b.store.address)}`,
    `DESCRIPTION:${escapeText(details.join('\n'))}`,
    b.status === 'cancelled' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-P1D',
    `DESCRIPTION:${escapeText(`明天 ${summary}`)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
};
