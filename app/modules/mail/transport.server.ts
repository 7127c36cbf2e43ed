// The SMTP connection (nodemailer), set by SMTP_URL. Without it there is no transport and mail
// stays in the outbox for the administrator to read.
import nodemailer from "nodemailer";
import { getEnv } from "../../env.server";

export interface OutgoingMail {
  from: string;
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Stable per outbox row: a mail sent again after a crash carries the same Message-ID. */
  messageId: string;
  /** an invitation's calendar part */
  calendar?: { method: "REQUEST" | "CANCEL"; text: string };
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: { name: mail.toName, address: mail.to },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: mail.messageId,
        // nodemailer writes it as the text/calendar alternative mail clients show as a meeting.
        ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, filename: mail.calendar.method === "CANCEL" ? "annulation.ics" : "invitation.ics", content: mail.calendar.text } } : {}),
      });
    },
  };
}

/** The transport SMTP_URL names, or null (the demo: mail is kept in the outbox). */
export function configuredTransport(): MailTransport | null {
  const url = getEnv().SMTP_URL;
  return url ? smtpTransport(url) : null;
}
