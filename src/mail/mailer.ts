// Outgoing email. SMTP (nodemailer) when SMTP_URL is set; with the embedded
// database and no SMTP, emails go to the log for development; MAILER=none sends
// nothing (invitations are then accepted from viewer.pendingInvitations).
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.js';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
  close(): void;
}

export function createMailer(mail: Config['mail'], logger: Logger): Mailer {
  switch (mail.transport) {
    case 'smtp': {
      // Loaded only when mail goes out by SMTP: nodemailer is a large module.
      let transport: Promise<Transporter> | null = null;
      const connect = () => (transport ??= import('nodemailer').then((n) => n.default.createTransport(mail.smtpUrl!)));
      return {
        async send(email) {
          await (await connect()).sendMail({ from: mail.from, ...email });
        },
        close: () => void transport?.then((t) => t.close()),
      };
    }
    case 'log':
      return {
        async send(email) {
          // Development only (config.ts refuses it with DATABASE_URL): the link is a secret.
          logger.info({ to: email.to, subject: email.subject }, `email (not sent, MAILER=log):\n${email.text}`);
        },
        close: () => {},
      };
    case 'none':
      return { send: async () => {}, close: () => {} };
  }
}
