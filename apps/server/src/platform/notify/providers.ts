/**
 * Where messages leave the machine. Real SMS clouds and mail servers are outside it, so in development the
 * development provider stands in for them: it keeps what it "sent" in memory for the /dev/outbox page.
 */
export type OutgoingMessage = {
  tenantId: string;
  notificationId: string;
  channel: 'sms' | 'email' | 'inbox';
  to: string;
  topic: string;
  /** E-mail only. */
  subject: string | null;
  body: string;
};

export type Provider = {
  name: string;
  /**
   * True when sending the same notification id twice delivers it once (the provider de-duplicates by the
   * id). Only then may a send whose earlier attempt was interrupted be repeated (see docs/notifications.md).
   */
  dedupes: boolean;
  /** Resolves with the provider's reference; rejects with a SendError (permanent or not) or any error. */
  send: (message: OutgoingMessage) => Promise<{ ref: string }>;
};

export type DevOutboxEntry = OutgoingMessage & { sentAt: string; ref: string };

export type DevProvider = Provider & { sent: () => DevOutboxEntry[]; record: (entry: DevOutboxEntry) => void };

export const createDevProvider = (limit = 500): DevProvider => {
  const sent: DevOutboxEntry[] = [];
  const record = (entry: DevOutboxEntry) => {
    // A retried job must not show a message twice.
    if (sent.some((m) => m.ref === entry.ref)) return;
    sent.unshift(entry);
    sent.length = Math.min(sent.length, limit);
  };
  return {
    name: 'dev',
    dedupes: true,
    send: async (message) => {
      const ref = `dev-${message.notificationId}`;
      record({ ...message, ref, sentAt: new Date().toISOString() });
      return Promise.resolve({ ref });
    },
    record,
    sent: () => [...sent],
  };
};
