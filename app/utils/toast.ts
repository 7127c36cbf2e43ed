/** A one-time message shown after a change. */
export interface Toast {
  kind: "success" | "error" | "info";
  message: string;
}
