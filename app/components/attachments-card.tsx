// Files attached to a record (an action's proof, a meeting's documents): the list, and the upload
// form for those who may add one. The form posts intent "attach" as multipart.
import { useActionData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { useRef } from "react";
import { useResetAfterSuccess } from "~/components/form";
import { formatDateTime } from "~/domain/dates";
import { ALLOWED_TYPES } from "~/domain/uploads";

interface AttachmentItem {
  id: number;
  originalName: string;
  contentType: string;
  size: number;
  uploadedByName: string;
  createdAt: string;
}

export function AttachmentsCard({
  title,
  emptyText,
  attachments,
  canUpload,
  idPrefix,
  formLabel,
  buttonLabel,
}: {
  title: string;
  emptyText: string;
  attachments: AttachmentItem[];
  canUpload: boolean;
  /** Distinguishes the ids of this card's heading and field. */
  idPrefix: string;
  formLabel: string;
  buttonLabel: string;
}) {
  const answer = useActionData<{ intent?: string; fieldErrors?: Record<string, string> }>();
  const navigation = useNavigation();
  const error = answer?.intent === "attach" ? answer.fieldErrors?.file : undefined;
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "attach";
  const fieldId = `${idPrefix}-file`;
  const formRef = useRef<HTMLFormElement>(null);
  // The file name must not stay in the field after it was added: a second click would add it again.
  useResetAfterSuccess(canUpload ? "attach" : undefined, () => formRef.current?.reset());
  return (
    <section className="card card--wide" aria-labelledby={`${idPrefix}-titre`}>
      <h2 id={`${idPrefix}-titre`}>{title}</h2>
      {attachments.length === 0 ? (
        <p className="muted">{emptyText}</p>
      ) : (
        <ul className="plain-list">
          {attachments.map((a) => (
            <li key={a.id} className={a.contentType.startsWith("image/") ? "attachment attachment--image" : "attachment"}>
              <a href={`/pieces-jointes/${a.id}`}>
                {/* A photo shows itself; its name, beside it, is the link's text. */}
                {a.contentType.startsWith("image/") ? <img className="attachment__thumb" src={`/pieces-jointes/${a.id}`} alt="" loading="lazy" width={96} height={72} /> : null}
                {a.originalName}
              </a>{" "}
              <span className="small muted">
                ({Math.max(1, Math.round(a.size / 1024))} Ko, ajouté le {formatDateTime(a.createdAt)} par {a.uploadedByName})
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload ? (
        <Form ref={formRef} method="post" encType="multipart/form-data" className="form" aria-label={formLabel}>
          <input type="hidden" name="intent" value="attach" />
          <div className={`field${error ? " field--invalid" : ""}`}>
            <label htmlFor={fieldId}>Fichier</label>
            <p className="field-hint" id={`${fieldId}-hint`}>
              {Object.values(ALLOWED_TYPES).join(", ")} ; 10 Mo au maximum.
            </p>
            <input
              id={fieldId}
              type="file"
              name="file"
              accept={Object.keys(ALLOWED_TYPES).join(",")}
              aria-invalid={Boolean(error)}
              aria-describedby={error ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
            />
            {error ? (
              <p className="field-error" id={`${fieldId}-error`}>
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {busy ? "Envoi en cours…" : buttonLabel}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
