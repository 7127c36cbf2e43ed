// The ordered list of migrations. Listing them in code (rather than letting knex scan a folder)
// lets the same TypeScript migrations run from the app, the scripts (tsx) and vitest alike.
import type { Knex } from "knex";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_referentials_audits";
import * as m0003 from "./0003_actions";
import * as m0004 from "./0004_meetings";
import * as m0005 from "./0005_finding_sites_next_audit";
import * as m0006 from "./0006_security_log";
import * as m0007 from "./0007_rate_limits_and_form_tokens";
import * as m0008 from "./0008_registers";
import * as m0009 from "./0009_notifications";
import * as m0010 from "./0010_indicators";
import * as m0011 from "./0011_minutes_register_summaries";
import * as m0012 from "./0012_procedure_sheets";
import * as m0013 from "./0013_questionnaires";
import * as m0014 from "./0014_meeting_invitations";
import * as m0015 from "./0015_action_digests";
import * as m0016 from "./0016_register_late_after";
import * as m0018 from "./0018_minutes_indicator_tables";
import * as m0019 from "./0019_reminder_settings";
import * as m0020 from "./0020_office_branding";
import * as m0021 from "./0021_dashboard_indexes";
import * as m0022 from "./0022_action_full_text";
import * as m0023 from "./0023_plan_revision";
import * as m0024 from "./0024_sign_in_attempts";
import * as m0025 from "./0025_plan_revision_postgres";
import * as m0026 from "./0026_history_by_record";

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
  /** knex reads it: `transaction: false` runs the migration outside knex's transaction. */
  config?: { transaction?: boolean };
}

const migrations: Array<[string, Migration]> = [
  ["0001_foundation", m0001],
  ["0002_referentials_audits", m0002],
  ["0003_actions", m0003],
  ["0004_meetings", m0004],
  ["0005_finding_sites_next_audit", m0005],
  ["0006_security_log", m0006],
  ["0007_rate_limits_and_form_tokens", m0007],
  ["0008_registers", m0008],
  ["0009_notifications", m0009],
  ["0010_indicators", m0010],
  ["0011_minutes_register_summaries", m0011],
  ["0012_procedure_sheets", m0012],
  ["0013_questionnaires", m0013],
  ["0014_meeting_invitations", m0014],
  ["0015_action_digests", m0015],
  ["0016_register_late_after", m0016],
  ["0018_minutes_indicator_tables", m0018],
  ["0019_reminder_settings", m0019],
  ["0020_office_branding", m0020],
  ["0021_dashboard_indexes", m0021],
  ["0022_action_full_text", m0022],
  ["0023_plan_revision", m0023],
  ["0024_sign_in_attempts", m0024],
  ["0025_plan_revision_postgres", m0025],
  ["0026_history_by_record", m0026],
];

export const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
