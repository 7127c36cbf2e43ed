import type { ReactNode } from "react";

/** The frame of the pages seen before signing in: sign-in, invitation, password reset. */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <main className="auth-page" id="contenu">
      <div className="auth-card">
        <p className="brand-line">
          <span className="brand-mark" aria-hidden="true">
            CQ
          </span>{" "}
          Cap Qualité
        </p>
        {children}
      </div>
    </main>
  );
}
