// The plan as a board by status. A card moves with its "Déplacer vers" menu (keyboard, no
// JavaScript needed) or by dragging it with the mouse; the status rules still apply.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { useState } from "react";
import { forbidden, notFound, requireOffice } from "~/auth.server";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, isOverdue, type ActionStatus } from "~/modules/action/rules";
import { formatDate } from "~/domain/dates";
import { parsePlanFilters } from "~/modules/action/schema.server";
import { canUpdateAction } from "~/domain/roles";
import { changeStatus, getAction, listActions } from "~/modules/action/queries.server";
import { redirectWithToast } from "~/session.server";
import { formError, formValues, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = () => [{ title: "Tableau des actions — Cap Qualité" }];

const PER_COLUMN = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const filters = parsePlanFilters(new URL(request.url).searchParams);
  const today = ctx.scope.today;
  const columns = await Promise.all(
    ACTION_STATUSES.map(async (status) => {
      const result = await listActions(ctx.scope, { filters: { ...filters, statuses: [status] }, page: 1, pageSize: PER_COLUMN });
      return {
        status,
        total: result.total,
        cards: result.rows.map((r) => ({
          id: r.id,
          title: r.title,
          ownerName: r.ownerName,
          dueOn: r.dueOn,
          overdue: isOverdue(r, today),
          canMove: canUpdateAction(ctx.role, ctx.membership.personId, r.ownerId),
        })),
      };
    }),
  );
  return json({ columns });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const values = formValues(await readForm(request));
  const actionId = parseId(values.actionId);
  const status = ACTION_STATUSES.find((s) => s === values.status);
  if (!actionId || !status) return formError("Choisissez une colonne.");
  const current = await getAction(ctx.scope, { actionId });
  if (!current) throw notFound("Cette action");
  if (!canUpdateAction(ctx.role, ctx.membership.personId, current.ownerId)) throw forbidden();
  if (status === "abandonnee" && current.status !== "abandonnee") {
    return json({ fieldErrors: {}, formError: `« ${current.title} » : ouvrez l'action pour l'abandonner (une confirmation et une raison sont demandées).`, actionId }, { status: 400 });
  }
  const today = ctx.scope.today;
  // Moved to "Faite" on the board: done today, unless a date was already recorded.
  const completedOn = status === "faite" ? (current.completedOn ?? today) : null;
  const errors = await changeStatus(ctx.scope, { actionId }, { status, completedOn, statusReason: current.statusReason, proof: current.proof });
  if (errors === "not_found") throw notFound("Cette action");
  if (errors) {
    return json(
      { fieldErrors: {}, formError: `« ${current.title} » : ${Object.values(errors).join(" ")} Ouvrez l'action pour le préciser.`, actionId },
      { status: 400 },
    );
  }
  const back = new URL(request.url).searchParams.toString();
  return redirectWithToast(request, `/plan-d-actions/tableau${back ? `?${back}` : ""}`, {
    kind: "success",
    message: `« ${current.title} » : ${ACTION_STATUS_LABELS[status]}.`,
  });
}

export default function BoardPage() {
  const { columns } = useLoaderData<typeof loader>();
  const location = useLocation();
  const [dragged, setDragged] = useState<number | null>(null);
  const mover = useFetcher<{ formError?: string; actionId?: number }>();
  const answer = useActionData<{ formError?: string }>();
  const moveError = mover.data?.formError ?? answer?.formError;
  return (
    <section className="page">
      <p>
        <Link to={`/plan-d-actions${location.search}`}>← Plan d'actions (liste)</Link>
      </p>
      <h1>Tableau des actions</h1>
      {moveError ? (
        <p className="form-error" role="alert">
          {moveError}
        </p>
      ) : null}
      <div className="board">
        {columns.map((column) => (
          <section
            key={column.status}
            className="board__column"
            aria-labelledby={`col-${column.status}`}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null) mover.submit({ actionId: String(dragged), status: column.status }, { method: "post", action: `/plan-d-actions/tableau${location.search}` });
              setDragged(null);
            }}
          >
            <h2 id={`col-${column.status}`}>
              {ACTION_STATUS_LABELS[column.status as ActionStatus]} <span className="badge badge--muted">{column.total}</span>
            </h2>
            {column.total > column.cards.length ? <p className="small muted">Les {column.cards.length} premières ; filtrez pour voir les autres.</p> : null}
            <ul className="plain-list board__cards">
              {column.cards.map((card) => (
                <li
                  key={card.id}
                  className={`board__card${card.overdue ? " board__card--overdue" : ""}`}
                  draggable={card.canMove}
                  onDragStart={() => setDragged(card.id)}
                >
                  <Link to={`/plan-d-actions/${card.id}`}>{card.title}</Link>
                  <p className="small muted">
                    {card.ownerName}
                    {card.dueOn ? ` — ${formatDate(card.dueOn)}` : ""}
                    {card.overdue ? <span className="badge badge--danger">en retard</span> : null}
                  </p>
                  {card.canMove ? (
                    <Form method="post" className="inline-form" action={`/plan-d-actions/tableau${location.search}`}>
                      <input type="hidden" name="actionId" value={card.id} />
                      <label htmlFor={`move-${card.id}`} className="small">
                        Déplacer vers
                      </label>
                      <select id={`move-${card.id}`} name="status" defaultValue={column.status}>
                        {ACTION_STATUSES.map((s) => (
                          <option key={s} value={s}>
                            {ACTION_STATUS_LABELS[s]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button--small">
                        OK<span className="visually-hidden"> : déplacer « {card.title} »</span>
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
