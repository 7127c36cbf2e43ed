// A small toolbar above a minutes textarea: bold, italic, list, heading, link, written in the
// Markdown subset the page and the Word document read (app/domain/markdown-edit.ts). One Tab
// stop (the arrows move between buttons, as a toolbar does); Ctrl+B and Ctrl+I from the text.
import { useRef, useState, type KeyboardEvent } from "react";
import { applyEdit, applyFormat, type Format } from "~/domain/markdown-edit";

const BUTTONS: Array<{ format: Format; label: string; shown: string; shortcut?: string }> = [
  { format: "bold", label: "Gras", shown: "G", shortcut: "Ctrl+B" },
  { format: "italic", label: "Italique", shown: "I", shortcut: "Ctrl+I" },
  { format: "list", label: "Liste à puces", shown: "• Liste" },
  { format: "heading", label: "Titre", shown: "Titre" },
  { format: "link", label: "Lien", shown: "Lien" },
];

/** Applies a format to the textarea's selection, through the browser's editing so that Ctrl+Z undoes it. */
export function formatTextarea(textarea: HTMLTextAreaElement, format: Format) {
  if (textarea.readOnly || textarea.disabled) return;
  const edit = applyFormat(format, textarea.value, textarea.selectionStart, textarea.selectionEnd);
  textarea.focus();
  textarea.setSelectionRange(edit.from, edit.to);
  // execCommand keeps the undo history and fires the input event forms listen to.
  const done = typeof document.execCommand === "function" && document.execCommand("insertText", false, edit.insert);
  if (!done) {
    const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")?.set;
    setter?.call(textarea, applyEdit(textarea.value, edit));
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }
  textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd);
}

/** Ctrl+B / Ctrl+I (Cmd on a Mac) in a minutes textarea. */
export function onFormatShortcut(event: KeyboardEvent<HTMLTextAreaElement>) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  const format = event.key.toLowerCase() === "b" ? "bold" : event.key.toLowerCase() === "i" ? "italic" : null;
  if (!format) return;
  event.preventDefault();
  formatTextarea(event.currentTarget, format);
}

export function MarkdownToolbar({ targetId, label, disabled }: { targetId: string; label: string; disabled?: boolean }) {
  const [active, setActive] = useState(0);
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  function move(event: KeyboardEvent<HTMLDivElement>) {
    const delta = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    const to = event.key === "Home" ? 0 : event.key === "End" ? BUTTONS.length - 1 : (active + delta + BUTTONS.length) % BUTTONS.length;
    if (delta === 0 && event.key !== "Home" && event.key !== "End") return;
    event.preventDefault();
    setActive(to);
    refs.current[to]?.focus();
  }
  return (
    <div className="md-toolbar" role="toolbar" aria-label={label} aria-controls={targetId} onKeyDown={move}>
      {BUTTONS.map((b, i) => (
        <button
          key={b.format}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          className={`md-toolbar__button md-toolbar__button--${b.format}`}
          tabIndex={i === active ? 0 : -1}
          aria-label={b.label}
          title={b.shortcut ? `${b.label} (${b.shortcut})` : b.label}
          disabled={disabled}
          onClick={() => {
            setActive(i);
            const textarea = document.getElementById(targetId);
            if (textarea instanceof HTMLTextAreaElement) formatTextarea(textarea, b.format);
          }}
        >
          {b.shown}
        </button>
      ))}
    </div>
  );
}
