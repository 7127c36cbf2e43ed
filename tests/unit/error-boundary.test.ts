import { describe, expect, it } from "vitest";
import { errorTexts } from "~/components/error-boundary";

const routeError = (status: number, data: unknown) => ({ status, statusText: "", internal: false, data });

describe("error pages", () => {
  it("say the route's own French message when it gave one", () => {
    expect(errorTexts(routeError(404, { message: "Cet audit n'existe pas ou n'est pas accessible." }))).toMatchObject({
      status: 404,
      title: "Page introuvable",
      text: "Cet audit n'existe pas ou n'est pas accessible.",
    });
  });
  it("fall back on the status's words, and never show a server error's details", () => {
    expect(errorTexts(routeError(403, null)).text).toMatch(/Votre rôle/);
    expect(errorTexts(new Error("SQLITE_BUSY: database is locked")).text).not.toMatch(/SQLITE/);
    expect(errorTexts(routeError(500, { message: "stack trace" })).text).not.toMatch(/stack/);
  });
});
