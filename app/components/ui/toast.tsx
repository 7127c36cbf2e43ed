import type { Toast } from "~/utils/toast";

/** The message shown once after a change ("Bureau enregistré."). */
export function ToastMessage({ toast }: { toast: Toast }) {
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      {toast.message}
    </div>
  );
}
