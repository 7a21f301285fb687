/**
 * Log drains of an app and of its add-ons. A drain has no ID: it is the URL the server builds from the
 * parameters, listed as `{"drains":[{"app_id","url"}]}` and deleted by that URL (go-scalingo sends `?url=`,
 * DEVDOCS a JSON body: both are read). go-scalingo posts every parameter, empty strings included.
 * @see https://developers.scalingo.com/log_drains
 */
import { requireAddon } from "./addons";
import { requireApp } from "./apps";
import type { Ctx, Reply } from "./http";
import { asRecord, created, invalid, noContent, notFound, ok, queryOrBody, requiredString } from "./http";
import { appRoute, type Route } from "./router";
import type { AppState, JsonObject } from "./types";

/**
 * Required parameters per drain type: DEVDOCS, plus betterstack (USERDOCS) and logtail (CLI examples). Syslog
 * takes a token when there is one: the CLI's examples add one with and one without.
 */
const DRAIN_PARAMS: Record<string, readonly string[]> = {
  appsignal: ["token", "host", "port"],
  datadog: ["token", "drain_region"],
  "ovh-graylog": ["token", "host"],
  papertrail: ["host", "port"],
  syslog: ["host", "port"],
  elk: ["url"],
  betterstack: ["host", "token"],
  logtail: ["token"],
};

/** The URL Scalingo builds for a drain (the drain's only identity). */
export function drainUrl(type: string, p: Record<string, string>): string {
  const auth = p.token === undefined ? "" : `:${p.token}@`;
  switch (type) {
    case "datadog":
      return `datadog://${p.token}?region=${p.drain_region}`;
    case "ovh-graylog":
      return `ovh://${auth}${p.host}:6514`;
    case "elk":
      return p.url ?? "";
    case "papertrail":
      return `papertrail://${p.host}:${p.port}`;
    case "betterstack":
      return `betterstack://${auth}${p.host}`;
    case "logtail":
      return `logtail://${p.token}`;
    default:
      return `${type}://${auth}${p.host}:${p.port}`;
  }
}

/** Drains of the app (`addonId` undefined) or of one of its add-ons. */
const drainsOf = (appState: AppState, addonId: string | undefined) =>
  appState.log_drains.filter((d) => (d.addon_id ?? undefined) === addonId);

function addonIdOf(ctx: Ctx, appState: AppState): string | undefined {
  return ctx.params.addon === undefined ? undefined : requireAddon(appState, ctx.params.addon).id;
}

function listDrains(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  return ok({ drains: drainsOf(appState, addonIdOf(ctx, appState)) });
}

function createDrain(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addonId = addonIdOf(ctx, appState);
  const fields = asRecord(asRecord(ctx.body)?.drain) ?? invalid("drain", "missing field");
  const type = requiredString(fields, "type");
  const required =
    DRAIN_PARAMS[type] ?? invalid("type", `must be one of ${Object.keys(DRAIN_PARAMS).join(", ")}`);
  const params: Record<string, string> = {};
  for (const key of ["token", "host", "port", "drain_region", "url"]) {
    const value = fields[key];
    if (value !== undefined && value !== null && value !== "") params[key] = String(value);
  }
  for (const key of required)
    if (params[key] === undefined) invalid(key, `can't be blank for a ${type} drain`);
  const url = drainUrl(type, params);
  if (drainsOf(appState, addonId).some((d) => d.url === url)) invalid("url", "has already been taken");
  const drain: JsonObject = {
    app_id: appState.app.id,
    url,
    ...(addonId === undefined ? {} : { addon_id: addonId }),
  };
  appState.log_drains.push(drain);
  return created({ drain: { url } });
}

function deleteDrain(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const addonId = addonIdOf(ctx, appState);
  // go-scalingo sends ?url=, DEVDOCS a JSON body {"url"}: read both.
  const url = queryOrBody(ctx, "url") ?? invalid("url", "can't be blank");
  const drain = drainsOf(appState, addonId).find((d) => d.url === url) ?? notFound("drain");
  appState.log_drains = appState.log_drains.filter((d) => d !== drain);
  return noContent();
}

/** Log drains of the app and of its add-ons. */
export const logDrainRoutes: Route[] = [
  appRoute("GET", "/log_drains", listDrains),
  appRoute("POST", "/log_drains", createDrain),
  appRoute("DELETE", "/log_drains", deleteDrain),
  appRoute("GET", "/addons/:addon/log_drains", listDrains),
  appRoute("POST", "/addons/:addon/log_drains", createDrain),
  appRoute("DELETE", "/addons/:addon/log_drains", deleteDrain),
];
