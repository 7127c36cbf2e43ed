// The refusals a module throws when the data says no, after the form's schema said yes. Routes
// answer each family the same way: a 400 with the message beside the field (FieldError and its
// kinds) or at the top of the form (StateError). Every message is French and ready to show.

/** A value refused beside its field: `field` is the form's field, `message` says why. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A choice naming a record that is missing or belongs to another office ("Bureau : choix invalide."). */
export class RecordReferenceError extends FieldError {}

/** A name, code or season another record of the office already has. */
export class DuplicateError extends FieldError {}

/** What the record's state forbids (publish a meeting not held yet, delete published minutes…). */
export class StateError extends Error {}
