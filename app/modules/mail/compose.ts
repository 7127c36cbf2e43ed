// The mails Cap Qualité sends, in French, as plain text and HTML. Pure: the addresses of the
// links are given, so that tests read exactly what a person receives.
export interface MailMessage {
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface ReminderMailInput {
  to: string;
  toName: string;
  officeName: string;
  title: string;
  body: string;
  /** Full address of the page the reminder is about. */
  link: string;
  /** One-click unsubscribe from this kind of reminder (RFC 8058). */
  unsubscribeLink: string;
  kindLabel: string;
}

export function reminderMail(input: ReminderMailInput): MailMessage {
  const greeting = `Bonjour ${input.toName},`;
  const text = [
    greeting,
    "",
    input.body,
    "",
    `Ouvrir Cap Qualité : ${input.link}`,
    "",
    "—",
    `${input.officeName} · Cap Qualité`,
    `Vous recevez ce rappel (« ${input.kindLabel} ») parce que vous suivez la démarche qualité de l'office.`,
    `Ne plus le recevoir par courriel : ${input.unsubscribeLink}`,
  ].join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #1f2933; line-height: 1.5; max-width: 38rem;">
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(input.body)}</p>
<p><a href="${escapeHtml(input.link)}" style="display: inline-block; padding: .5rem 1rem; background: #1d4f91; color: #ffffff; text-decoration: none; border-radius: 4px;">Ouvrir Cap Qualité</a></p>
<hr style="border: none; border-top: 1px solid #d0d7de;">
<p style="font-size: .85rem; color: #52606d;">${escapeHtml(input.officeName)} · Cap Qualité<br>
Vous recevez ce rappel (« ${escapeHtml(input.kindLabel)} ») parce que vous suivez la démarche qualité de l'office.
<a href="${escapeHtml(input.unsubscribeLink)}">Ne plus le recevoir par courriel</a></p>
</body></html>`;
  return {
    to: input.to,
    toName: input.toName,
    subject: `[${input.officeName}] ${input.title}`,
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${input.unsubscribeLink}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      // Automatic mail: no out-of-office replies back to us.
      "Auto-Submitted": "auto-generated",
    },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
