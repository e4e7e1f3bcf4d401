import nodemailer from 'nodemailer';
import type { Provider } from './providers.ts';
import { SendError } from './send-error.ts';

/** The Message-ID of a notification's e-mail: the same on every attempt, so a repeat is recognisable. */
export const messageIdFor = (notificationId: string, from: string): string => {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'm4s.invalid';
  return `<${notificationId}@${domain}>`;
};

type SmtpFailure = Error & { responseCode?: number; code?: string };

/**
 * E-mail over SMTP (SMTP_URL, e.g. smtp://user:pass@host:587; smtps:// for implicit TLS). A 5xx answer is
 * permanent (bad address, rejected message); a 4xx answer or a broken connection is retried.
 */
export const createSmtpProvider = (url: string, from: string): Provider & { close: () => void } => {
  const transport = nodemailer.createTransport(url, {
    // Short timeouts: a send must finish well inside the job's expiry (see outbox.ts).
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: 'smtp',
    dedupes: false,
    send: async (message) => {
      if (message.channel !== 'email')
        throw new SendError(`smtp sends e-mail, not ${message.channel}`, { permanent: true });
      try {
        const info = await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject ?? '',
          text: message.body,
          messageId: messageIdFor(message.notificationId, from),
          headers: { 'X-M4S-Notification': message.notificationId },
        });
        return { ref: `smtp:${info.messageId}` };
      } catch (error) {
        const failure = error as SmtpFailure;
        const permanent = typeof failure.responseCode === 'number' && failure.responseCode >= 500;
        throw new SendError(`smtp ${failure.responseCode ?? failure.code ?? ''}: ${failure.message}`.trim(), {
          permanent,
          cause: error,
        });
      }
    },
    close: () => transport.close(),
  };
};
