// How a Word report leaves the server: as an attachment never kept by a cache, or, when the
// options cannot be honoured, as a short French page with a way back (the page "Rapports"
// sends its options by a plain GET form, so the browser shows whatever comes back).
// Reports are built one at a time per server: building one holds the event loop for a few
// hundred milliseconds at most (decision 033), and ten at once would hold it for seconds.

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function docxResponse(buffer: Buffer, filename: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
      "Content-Length": String(buffer.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** A 400 or 404 as a small page in French, with its message and a link back to the reports. */
export function reportError(status: 400 | 404, message: string): Response {
  const title = status === 404 ? "Rapport introuvable" : "Options du rapport à corriger";
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Cap Qualité</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1c2430"><main><h1 style="color: #0b5e55">${title}</h1><p>${escapeHtml(message)}</p><p><a href="/rapports">Retour aux rapports</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs report builds one after the other, so that a burst of downloads never stalls every page. */
export function oneAtATime<T>(build: () => Promise<T>): Promise<T> {
  const run = queue.then(build, build);
  queue = run.catch(() => undefined);
  return run;
}
