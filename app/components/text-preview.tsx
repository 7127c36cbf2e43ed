// The text as it will read on its page and in the Word document, shown while it is typed:
// always open, beside the text on a wide screen, under it on a phone (the minutes, the sheets).
import { RichText } from "~/components/rich-text";

export function TextPreview({ text, label }: { text: unknown; label: string }) {
  return (
    <section className="preview" aria-label={label}>
      <p className="preview__title small muted" aria-hidden="true">
        Aperçu
      </p>
      {typeof text === "string" && text.trim() !== "" ? <RichText source={text} headingLevel={4} /> : <p className="preview__empty small muted">L'aperçu de la mise en forme s'affiche ici.</p>}
    </section>
  );
}
