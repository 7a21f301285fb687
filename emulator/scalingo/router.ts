import type { Handler } from "./http";

/**
 * Who may call a route: `none` (anonymous, e.g. the token exchange), `optional` (anonymous or any valid
 * bearer), `user` (an exchanged API token), `db` (a user bearer or a database add-on token).
 */
export type AuthMode = "none" | "optional" | "user" | "db";

/** One endpoint: `pattern` segments starting with `:` capture a parameter. */
export interface Route {
  method: string;
  pattern: string;
  auth: AuthMode;
  handler: Handler;
}

/** A matched route with its captured parameters. */
export interface Match {
  route: Route;
  params: Record<string, string>;
}

const split = (path: string): string[] => path.split("/").filter((s) => s !== "");

function matchPattern(pattern: string[], path: string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of pattern.entries()) {
    const actual = path[i] ?? "";
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return undefined;
  }
  return params;
}

/** Finds the route for a method and path; literal segments win over parameters (routes are tried in order). */
export function createRouter(routes: readonly Route[]): (method: string, path: string) => Match | undefined {
  const compiled = routes.map((route) => ({ route, segments: split(route.pattern) }));
  return (method, path) => {
    const segments = split(path);
    const wanted = method === "HEAD" ? "GET" : method;
    for (const { route, segments: pattern } of compiled) {
      if (route.method !== wanted) continue;
      const params = matchPattern(pattern, segments);
      if (params !== undefined) return { route, params };
    }
    return undefined;
  };
}

/** A route under an app (`/v1/apps/:app<path>`), for a user bearer. */
export const appRoute = (method: string, path: string, handler: Handler): Route => ({
  method,
  pattern: `/v1/apps/:app${path}`,
  auth: "user",
  handler,
});

/** A route of the Database API under a database (`/api/databases/:db<path>`), for a user or add-on bearer. */
export const dbRoute = (method: string, path: string, handler: Handler): Route => ({
  method,
  pattern: `/api/databases/:db${path}`,
  auth: "db",
  handler,
});
