// One knex query (the plan's first 50 actions of office 1), rendered as a table repeated until
// the page weighs `?octets=` bytes: the floor for a page of that size.
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { floorDb } from "../db.server";

interface Row {
  id: number;
  title: string;
  status: string;
  due_on: string | null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const size = Math.min(1_000_000, Math.max(1_000, Number(new URL(request.url).searchParams.get("octets")) || 30_000));
  const rows: Row[] = await floorDb()("actions").where({ office_id: 1 }).orderBy("due_sort").limit(50).select("id", "title", "status", "due_on");
  return json({ rows, size });
}

export default function Floor() {
  const { rows, size } = useLoaderData<typeof loader>();
  // Each row renders to about its text's length plus ~60 bytes of markup; half the size comes
  // back in the page's data for hydration, as it does in the app.
  const perRow = rows.reduce((n, r) => n + r.title.length + r.status.length + 70, 0) / Math.max(1, rows.length);
  const copies = Math.max(1, Math.round(size / 2 / Math.max(1, perRow * rows.length)));
  return (
    <main>
      <h1>Plancher</h1>
      <table>
        <tbody>
          {Array.from({ length: copies }, (_, c) =>
            rows.map((r) => (
              <tr key={`${c}-${r.id}`}>
                <td>{r.id}</td>
                <td>{r.title}</td>
                <td>{r.status}</td>
                <td>{r.due_on ?? ""}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </main>
  );
}
