/**
 * Where messages leave the machine. Real SMS clouds are outside it, so the development provider
 * stands in for them: it keeps what it "sent" in memory for the /dev/outbox page.
 */
export type OutgoingMessage = {
  tenantId: string;
  notificationId: string;
  channel: 'sms' | 'email' | 'inbox';
  to: string;
  body: string;
};

export type Provider = { name: string; send: (message: OutgoingMessage) => Promise<{ ref: string }> };

export type DevOutboxEntry = OutgoingMessage & { sentAt: string; ref: string };

export const createDevProvider = (limit = 500): Provider & { sent: () => DevOutboxEntry[] } => {
  const sent: DevOutboxEntry[] = [];
  return {
    name: 'dev',
    send: async (message) => {
      const ref = `dev-${message.notificationId}`;
      // A retried job must not show a message twice.
      if (!sent.some((m) => m.ref === ref)) {
        sent.unshift({ ...message, ref, sentAt: new Date().toISOString() });
        sent.length = Math.min(sent.length, limit);
      }
      return Promise.resolve({ ref });
    },
    sent: () => [...sent],
  };
};
