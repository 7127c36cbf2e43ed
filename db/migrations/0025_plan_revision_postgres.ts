// Each office's plan revision on PostgreSQL too (decision 061, addendum), so that the plan's
// figures (progress, per site) are counted again only when the plan changed or the day did, as on
// SQLite (migration 0023).
// The revision is raised by constraint triggers deferred to the commit: a transaction that changes
// an office's actions or their sites locks the office's row only while it commits, after every
// other lock it takes, and once per office however many rows it changed (a transaction-local
// setting remembers the offices already raised). Taken in the middle of a transaction, that lock
// would have made writers of one office wait on each other until commit, and deadlock (one holding
// an action and waiting for the office, the other the reverse). The code that locks an office's
// row for itself (its roles, its settings) changes no action in the same transaction, so no
// transaction holds the office and then waits for an action.
// On SQLite nothing changes (one writer at a time, migration 0023's triggers).
import type { Knex } from "knex";

export const config = { transaction: false };

const isPg = (knex: Knex) => knex.client.config.client === "pg";

export const POSTGRES_TRIGGERS = ["plan_revision_actions", "plan_revision_action_sites"] as const;

const FUNCTIONS = `
create or replace function cap_raise_plan_revision(office integer) returns void language plpgsql as $$
begin
  if office is null or current_setting('cap.plan_raised_' || office, true) = '1' then
    return;
  end if;
  perform set_config('cap.plan_raised_' || office, '1', true);
  update offices set plan_revision = plan_revision + 1 where id = office;
end $$;

create or replace function cap_plan_revision_actions() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform cap_raise_plan_revision(old.office_id); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform cap_raise_plan_revision(new.office_id); end if;
  return null;
end $$;

create or replace function cap_plan_revision_action_sites() returns trigger language plpgsql as $$
begin
  -- The action may be gone by the commit (deleted with its sites): its own trigger raised it.
  if tg_op in ('UPDATE', 'DELETE') then
    perform cap_raise_plan_revision((select office_id from actions where id = old.action_id));
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform cap_raise_plan_revision((select office_id from actions where id = new.action_id));
  end if;
  return null;
end $$;
`;

export async function up(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.transaction(async (trx) => {
    await trx.raw(FUNCTIONS);
    await trx.raw(`create constraint trigger plan_revision_actions after insert or update or delete on actions
      deferrable initially deferred for each row execute function cap_plan_revision_actions()`);
    await trx.raw(`create constraint trigger plan_revision_action_sites after insert or update or delete on action_sites
      deferrable initially deferred for each row execute function cap_plan_revision_action_sites()`);
  });
}

export async function down(knex: Knex): Promise<void> {
  if (!isPg(knex)) return;
  await knex.transaction(async (trx) => {
    await trx.raw("drop trigger if exists plan_revision_actions on actions");
    await trx.raw("drop trigger if exists plan_revision_action_sites on action_sites");
    await trx.raw("drop function if exists cap_plan_revision_actions(), cap_plan_revision_action_sites(), cap_raise_plan_revision(integer)");
  });
}
