// The mails Cap Qualité sends, in French, as plain text and HTML. Pure: the addresses of the
// links are given, so that tests read exactly what a person receives.
export interface MailMessage {
  to: string;
  toName: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** an invitation's calendar part (text/calendar; method=…), read by mail clients as a meeting */
  calendar?: { method: "REQUEST" | "CANCEL"; text: string };
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
<p>${escapeHtml(input.body).replace(/\n/g, "<br>\n")}</p>
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

export interface LockoutMailInput {
  to: string;
  toName: string;
  /** the address the failed attempts came from */
  ip: string;
  /** when the sign-ins from that address were locked, as shown (Paris time) */
  at: string;
  minutes: number;
  /** full address of the page where the password is changed */
  passwordLink: string;
}

/** Told to the owner of an account whose sign-ins from one address were locked (decision 017). */
export function lockoutMail(input: LockoutMailInput): MailMessage {
  const greeting = `Bonjour ${input.toName},`;
  const lines = [
    `Le ${input.at}, plusieurs mots de passe faux ont été essayés sur votre compte Cap Qualité depuis l'adresse ${input.ip} : les connexions à votre compte depuis cette adresse sont bloquées ${input.minutes} minutes. Depuis une autre adresse, vous pouvez vous connecter normalement.`,
    "Si c'était vous, il n'y a rien à faire. Sinon, connectez-vous et changez votre mot de passe ; au besoin, l'administrateur de votre office peut vous envoyer un lien de réinitialisation.",
  ];
  const text = [greeting, "", ...lines.flatMap((l) => [l, ""]), `Changer mon mot de passe : ${input.passwordLink}`, "", "—", "Cap Qualité · message de sécurité, envoyé au plus une fois par jour"].join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Connexions bloquées sur votre compte</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #1f2933; line-height: 1.5; max-width: 38rem;">
<p>${escapeHtml(greeting)}</p>
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p><a href="${escapeHtml(input.passwordLink)}" style="display: inline-block; padding: .5rem 1rem; background: #1d4f91; color: #ffffff; text-decoration: none; border-radius: 4px;">Changer mon mot de passe</a></p>
<hr style="border: none; border-top: 1px solid #d0d7de;">
<p style="font-size: .85rem; color: #52606d;">Cap Qualité · message de sécurité, envoyé au plus une fois par jour</p>
</body></html>`;
  return { to: input.to, toName: input.toName, subject: "Cap Qualité : connexions bloquées sur votre compte", text, html, headers: { "Auto-Submitted": "auto-generated" } };
}

export interface AccountLinkMailInput {
  kind: "invitation" | "reset";
  to: string;
  /** the person's name when known (a reset), else the address */
  toName: string;
  officeName: string;
  /** who sent it: "Administrateur (démo)" */
  sentBy: string;
  /** the role given, for an invitation: "Référent(e) qualité" */
  roleLabel?: string;
  link: string;
  /** until when the link works, as shown (Paris time) */
  expiresAt: string;
}

/** An invitation to an office, or a password-reset link, sent by an administrator. */
export function accountLinkMail(input: AccountLinkMailInput): MailMessage {
  const greeting = input.toName && input.toName !== input.to ? `Bonjour ${input.toName},` : "Bonjour,";
  const invitation = input.kind === "invitation";
  const lines = invitation
    ? [
        `${input.sentBy} vous invite à rejoindre « ${input.officeName} » sur Cap Qualité, l'outil de suivi de la démarche qualité de l'office${input.roleLabel ? `, comme ${input.roleLabel.toLowerCase()}` : ""}.`,
        `Ouvrez le lien ci-dessous pour choisir votre mot de passe. Il sert une seule fois et fonctionne jusqu'au ${input.expiresAt}.`,
      ]
    : [
        `${input.sentBy} a demandé la réinitialisation du mot de passe de votre compte Cap Qualité (« ${input.officeName} »).`,
        `Ouvrez le lien ci-dessous pour choisir un nouveau mot de passe. Il sert une seule fois et fonctionne jusqu'au ${input.expiresAt}. Si vous n'attendiez pas ce message, ignorez-le : votre mot de passe actuel reste valable.`,
      ];
  const button = invitation ? "Rejoindre l'office" : "Choisir un nouveau mot de passe";
  const subject = invitation ? `[${input.officeName}] Invitation à rejoindre Cap Qualité` : "Cap Qualité : réinitialisation de votre mot de passe";
  const text = [greeting, "", ...lines.flatMap((l) => [l, ""]), `${button} : ${input.link}`, "", "—", `${input.officeName} · Cap Qualité`].join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #1f2933; line-height: 1.5; max-width: 38rem;">
<p>${escapeHtml(greeting)}</p>
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p><a href="${escapeHtml(input.link)}" style="display: inline-block; padding: .5rem 1rem; background: #1d4f91; color: #ffffff; text-decoration: none; border-radius: 4px;">${escapeHtml(button)}</a></p>
<hr style="border: none; border-top: 1px solid #d0d7de;">
<p style="font-size: .85rem; color: #52606d;">${escapeHtml(input.officeName)} · Cap Qualité</p>
</body></html>`;
  return { to: input.to, toName: input.toName, subject, text, html, headers: { "Auto-Submitted": "auto-generated" } };
}

export interface MeetingInvitationMailInput {
  method: "REQUEST" | "CANCEL";
  /** a change of a meeting already announced (not the first invitation) */
  update: boolean;
  to: string;
  toName: string;
  officeName: string;
  title: string;
  seriesName: string;
  /** "jeudi 25 mars 2021 de 14 h à 16 h 30", as shown */
  when: string;
  place: string;
  calendarText: string;
}

/** An invitation to a meeting, its update, or its cancellation, with the calendar part. */
export function meetingInvitationMail(input: MeetingInvitationMailInput): MailMessage {
  const greeting = `Bonjour ${input.toName},`;
  const cancel = input.method === "CANCEL";
  const subject = cancel ? `[${input.officeName}] Annulée : ${input.title} (${input.when})` : input.update ? `[${input.officeName}] Modifiée : ${input.title} (${input.when})` : `[${input.officeName}] Invitation : ${input.title} (${input.when})`;
  const lines = cancel
    ? [`La réunion « ${input.title} » (${input.seriesName}) prévue le ${input.when} est annulée.`, "Votre agenda la retire si vous aviez accepté l'invitation."]
    : [
        `${input.update ? "La réunion a changé" : "Vous êtes invité(e)"} : « ${input.title} » (${input.seriesName}), le ${input.when}${input.place ? `, ${input.place}` : ""}.`,
        `L'invitation jointe s'ajoute à votre agenda (Outlook, Google Agenda, Thunderbird)${input.update ? " et y remplace la précédente" : ""}.`,
      ];
  const text = [greeting, "", ...lines.flatMap((l) => [l, ""]), "—", `${input.officeName} · Cap Qualité`].join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; color: #1f2933; line-height: 1.5; max-width: 38rem;">
<p>${escapeHtml(greeting)}</p>
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<hr style="border: none; border-top: 1px solid #d0d7de;">
<p style="font-size: .85rem; color: #52606d;">${escapeHtml(input.officeName)} · Cap Qualité</p>
</body></html>`;
  return { to: input.to, toName: input.toName, subject, text, html, headers: { "Auto-Submitted": "auto-generated" }, calendar: { method: input.method, text: input.calendarText } };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
