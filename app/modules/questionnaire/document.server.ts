// The printable questionnaire's view model (templates/questionnaire.ts): the office's name, the
// campaign's texts and questions, the numbers printed beside the boxes, and the QR code of the
// public page when the campaign is also open online.
import { formatDay } from "~/domain/dates";
import type { Scope } from "../scope.server";
import type { QuestionnaireDocumentModel } from "../../../templates/questionnaire";
import { publicUrl, qrPng } from "./links.server";
import type { QuestionnaireDetail } from "./queries.server";
import { PUBLIC_CHANNELS, SCALE_WORDS, periodText } from "./rules";

export async function questionnaireDocument(scope: Scope, questionnaire: QuestionnaireDetail, base: string): Promise<QuestionnaireDocumentModel> {
  const office = await scope.db("offices").where({ id: scope.officeId }).first("name");
  const online = questionnaire.channels.some((c) => PUBLIC_CHANNELS.includes(c));
  const url = publicUrl(base, questionnaire.publicToken, { via: "qr" });
  return {
    officeName: office?.name ?? "",
    title: questionnaire.title,
    period: `Campagne ${periodText(questionnaire.startsOn, questionnaire.endsOn, formatDay)}`,
    intro: questionnaire.intro,
    thanks: questionnaire.thanks,
    sites: questionnaire.sites.map((s) => s.name),
    questions: questionnaire.questions.map((q) => ({
      position: q.position,
      kind: q.kind,
      text: q.text,
      help: q.help,
      required: q.required,
      // The number beside each box is the one typed when the sheet is entered by keyboard.
      options:
        q.kind === "scale"
          ? SCALE_WORDS[q.levels ?? 4].map((w, i) => `${w} (${i + 1})`).reverse()
          : q.kind === "single" || q.kind === "multiple"
            ? q.choices.map((c, i) => `${c} (${i + 1})`)
            : [],
      bounds: q.kind === "number" && (q.minValue !== null || q.maxValue !== null) ? `de ${q.minValue ?? "…"} à ${q.maxValue ?? "…"}` : "",
      personal: q.personal,
    })),
    online: online ? { url: publicUrl(base, questionnaire.publicToken), qrPng: await qrPng(url, 440) } : null,
  };
}
