// Calls a route module's loader or action as Remix would, and reads the answer
// (returned or thrown Response, or plain data).
import type { ActionFunction, LoaderFunction } from "@remix-run/node";
import { getSession } from "~/session.server";
import type { Toast } from "~/utils/toast";

export interface RouteModule {
  loader?: LoaderFunction;
  action?: ActionFunction;
}

export interface RouteAnswer {
  status: number;
  location: string | null;
  setCookie: string | null;
  body: unknown;
  headers: Headers;
}

export async function callRoute(
  mod: RouteModule,
  options: {
    method?: "GET" | "POST";
    path: string;
    cookie?: string;
    params?: Record<string, string>;
    form?: Record<string, string>;
    /** files make it a multipart/form-data post, as a browser sends an upload */
    files?: Record<string, { name: string; content: string | Uint8Array<ArrayBuffer> }>;
    clientIp?: string;
  },
): Promise<RouteAnswer> {
  const method = options.method ?? "GET";
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  let body: string | FormData | undefined;
  if (method === "POST" && options.files) {
    const data = new FormData();
    for (const [k, v] of Object.entries(options.form ?? {})) data.append(k, v);
    for (const [k, f] of Object.entries(options.files)) data.append(k, new Blob([f.content]), f.name);
    body = data;
  } else if (method === "POST") {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(options.form ?? {}).toString();
  }
  const request = new Request(`http://localhost${options.path}`, { method, headers, body });
  const handler = method === "GET" ? mod.loader : mod.action;
  if (!handler) throw new Error(`no ${method === "GET" ? "loader" : "action"} for ${options.path}`);
  const args = { request, params: options.params ?? {}, context: { clientIp: options.clientIp ?? "127.0.0.1" } };
  let result: unknown;
  try {
    result = await handler(args);
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text body
    }
    return {
      status: result.status,
      location: result.headers.get("Location"),
      setCookie: result.headers.get("Set-Cookie"),
      body: parsed,
      headers: result.headers,
    };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, setCookie: null, body: result, headers: new Headers() };
}

/**
 * The one-time message a redirect carries (kept in the session it sets), or null. An error
 * message on a 302 is not a success: read it.
 */
export async function readToast(answer: RouteAnswer): Promise<Toast | null> {
  if (!answer.setCookie) return null;
  const cookie = answer.setCookie.split(";")[0]!;
  const session = await getSession(new Request("http://localhost/", { headers: { Cookie: cookie } }));
  return (session.get("toast") as Toast | undefined) ?? null;
}
