import { createTransport } from 'nodemailer';
import type { MailConfig } from '../config';
import type { ClaimedMail } from '../storage/types';
import { fromOf } from './from';

/**
 * Hands one mail to the SMTP server; resolves once the server accepted it, rejects with why it did not. `fromName`
 * is the name shown as the sender (the board's; see fromOf), null = MAIL_FROM as it is.
 */
export interface MailTransport {
  send(mail: ClaimedMail, fromName?: string | null): Promise<void>;
  close(): void;
}

/**
 * nodemailer on SMTP_URL. Timeouts well below nodemailer's minutes: a stalled server should cost a retry, not
 * hold the sender (and with it every other mail) for ten minutes.
 */
export function smtpTransport(config: MailConfig): MailTransport {
  const transporter = createTransport({
    url: config.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    send: async (mail, fromName = null) => {
      await transporter.sendMail({
        from: fromOf(config.from, fromName),
        to: mail.address,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { ...mail.headers },
        messageId: mail.messageId,
        // As stored at enqueue: a retry attaches the very same file.
        attachments: (mail.attachments ?? []).map((file) => ({
          filename: file.filename,
          content: file.content,
          contentType: file.contentType,
        })),
        // No X-Mailer header naming the library and its version.
        xMailer: false,
      });
    },
    close: () => transporter.close(),
  };
}
