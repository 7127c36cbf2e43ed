// The hostile-input suite, short form (tests/support/hostile.ts; the long form is
// `npm run hostile`): no 5xx on any form action of any route, and nothing written by a refused
// request.
import { describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { intentsOf, runHostileSuite, urlOf } from "../support/hostile";

describe("hostile input", () => {
  it("reads routes and intents as the app names them", () => {
    expect(urlOf("_app.plan-d-actions.$actionId.tsx")).toBe("/plan-d-actions/$actionId");
    expect(urlOf("_app.referentiels._index.tsx")).toBe("/referentiels");
    expect(urlOf("plan-d-actions.export[.csv].tsx")).toBe("/plan-d-actions/export.csv");
    expect(intentsOf(`switch (values.intent) { case "note": … case "attach": …`)).toEqual(["", "inconnue", "note", "attach"]);
  });

  it("every form action answers below 500 and a refusal writes nothing", async () => {
    const report = await runHostileSuite(getDb(), { short: true });
    console.log(`hostile input (short): ${report.requests} requests to ${report.routes} routes, ${report.intents} intents; statuses ${JSON.stringify(report.byStatus)}`);
    expect(report.routes).toBeGreaterThanOrEqual(25);
    expect(report.failures.join("\n")).toBe("");
  }, 600_000);
});
