import { DEFAULT_REGION, DEFAULT_SIZE, REGIONS } from "../../providers/scalingo/limits";
import { findProvider } from "./catalog";
import type { FaultInjector, RateLimiter } from "./faults";
import { parseScriptedFault } from "./faults";
import { type Holds, holdControl } from "./holds";
import type { Reply } from "./http";
import { asRecord, ok } from "./http";
import { advance } from "./lifecycle";
import type { Store } from "./store";
import type { AppState, JsonObject, RegionName } from "./types";

/** One line of the requests log. */
export interface RequestLogEntry {
  method: string;
  /** Path as requested, region prefix included, query excluded. */
  path: string;
  /** Query string without `?` (empty when none). */
  query: string;
  /** HTTP status sent; `0` when the connection was dropped. */
  status: number;
  /** Time spent, latency included. */
  ms: number;
  /** ISO timestamp of arrival. */
  at: string;
}

/** What the control endpoints act on. */
export interface ControlTarget {
  store: Store;
  faults: FaultInjector;
  limiter: RateLimiter;
  holds: Holds;
  requests: RequestLogEntry[];
}

const bad = (error: string): Reply => ({ status: 400, json: { error } });
const missing = (what: string): Reply => ({ status: 404, json: { error: `${what} not found` } });

/** A drift request: change or delete one stored object out of band. */
interface Drift {
  region: RegionName;
  app: string;
  kind: string;
  key: string | undefined;
  set: JsonObject | undefined;
  delete: boolean;
}

function parseDrift(body: unknown): Drift | string {
  const b = asRecord(body);
  if (b === undefined) return "body must be a JSON object";
  const region = REGIONS.find((name) => name === (b.region ?? DEFAULT_REGION));
  if (region === undefined) return `unknown region "${String(b.region)}"`;
  if (typeof b.app !== "string") return "`app` (an app name) is required";
  if (!["app", "variable", "addon", "formation", "domain"].includes(String(b.kind))) {
    return "`kind` must be one of app, variable, addon, formation, domain";
  }
  const set = asRecord(b.set) as JsonObject | undefined;
  if (set === undefined && b.delete !== true) return "give `set` (fields to change) or `delete: true`";
  if (b.kind !== "app" && typeof b.key !== "string") return "`key` is required for this kind";
  return {
    region,
    app: b.app,
    kind: String(b.kind),
    key: b.key as string | undefined,
    set,
    delete: b.delete === true,
  };
}

/** Changes or deletes one object of a list found by `match`; creates it from `create` when absent and `set` is given. */
function driftItem<T extends object>(
  list: T[],
  match: (item: T) => boolean,
  drift: Drift,
  create: (() => T) | undefined,
): { list: T[]; found: T | undefined } {
  const found = list.find(match);
  if (drift.delete) return { list: list.filter((item) => item !== found), found };
  if (found !== undefined) return { list, found: Object.assign(found, drift.set) };
  if (create === undefined) return { list, found: undefined };
  const made = Object.assign(create(), drift.set);
  return { list: [...list, made], found: made };
}

/** Deletes the app, or changes its fields (re-keyed when renamed, so lookups by name keep working). */
function driftApp(store: Store, appState: AppState, drift: Drift): Reply {
  if (drift.delete) {
    store.deleteApp(drift.region, appState);
    return ok({ deleted: true });
  }
  delete store.state.regions[drift.region].apps[appState.app.name];
  Object.assign(appState.app, drift.set);
  store.putApp(drift.region, appState);
  return ok({ app: appState.app });
}

function driftVariable(store: Store, appState: AppState, drift: Drift, key: string): Reply {
  const create = () => ({ id: store.nextId(), name: key, value: "" });
  const r = driftItem(appState.variables, (v) => v.name === key, drift, create);
  appState.variables = r.list;
  return r.found === undefined ? missing(`variable ${key}`) : ok({ variable: r.found });
}

/** The add-on of provider `key`; a `plan` to set is given by name and stored as the catalog's plan object. */
function driftAddon(appState: AppState, drift: Drift, key: string): Reply {
  const provider = findProvider(key);
  const planName = drift.set?.plan;
  if (typeof planName === "string" && drift.set !== undefined) {
    const plan = provider?.plans.find((p) => p.name === planName);
    if (plan === undefined) return bad(`unknown plan "${planName}"`);
    drift.set = { ...drift.set, plan: plan as unknown as JsonObject };
  }
  const matches = (a: AppState["addons"][number]) => findProvider(a.addon_provider.id)?.id === provider?.id;
  const r = driftItem(appState.addons, matches, drift, undefined);
  appState.addons = r.list;
  // An add-on deleted outside paasenv takes its database with it, as a real deletion does.
  if (drift.delete === true && r.found !== undefined) delete appState.databases[String(r.found.id)];
  return r.found === undefined ? missing(`add-on ${key}`) : ok({ addon: r.found });
}

function driftFormation(store: Store, appState: AppState, drift: Drift, key: string): Reply {
  const create = () => ({
    id: store.nextId(),
    app_id: appState.app.id,
    name: key,
    amount: 0,
    size: DEFAULT_SIZE,
    command: "",
  });
  const r = driftItem(appState.containers, (c) => c.name === key, drift, create);
  appState.containers = r.list;
  return r.found === undefined ? missing(`process type ${key}`) : ok({ container: r.found });
}

function driftDomain(appState: AppState, drift: Drift, key: string): Reply {
  const r = driftItem(appState.domains, (d) => d.name === key, drift, undefined);
  appState.domains = r.list;
  return r.found === undefined ? missing(`domain ${key}`) : ok({ domain: r.found });
}

function applyDrift(store: Store, appState: AppState, drift: Drift): Reply {
  const key = drift.key ?? "";
  switch (drift.kind) {
    case "app":
      return driftApp(store, appState, drift);
    case "variable":
      return driftVariable(store, appState, drift, key);
    case "addon":
      return driftAddon(appState, drift, key);
    case "formation":
      return driftFormation(store, appState, drift, key);
    default:
      return driftDomain(appState, drift, key);
  }
}

function drift(target: ControlTarget, body: unknown): Reply {
  const parsed = parseDrift(body);
  if (typeof parsed === "string") return bad(parsed);
  const appState = target.store.findApp(parsed.region, parsed.app);
  if (appState === undefined) return missing(`app ${parsed.app} in ${parsed.region}`);
  const reply = applyDrift(target.store, appState, parsed);
  target.store.save();
  return reply;
}

function faults(target: ControlTarget, method: string, body: unknown): Reply {
  if (method === "DELETE") {
    target.faults.clear();
    return ok({ faults: [] });
  }
  if (method === "GET") return ok({ faults: target.faults.list() });
  const parsed = parseScriptedFault(body);
  if (typeof parsed === "string") return bad(parsed);
  target.faults.add(parsed);
  return ok({ faults: target.faults.list() }, 201);
}

/** The state in the API's own shapes: `{"regions":{"<region>":{"apps":{"<name>":{…}}}}}`. */
function stateJson(target: ControlTarget, now: number): Reply {
  if (advance(target.store, now)) target.store.save();
  return ok({ regions: target.store.state.regions });
}

/** Handles `/__emulator/<name>`; no token, no latency, no faults, no rate limit, not logged. */
export function control(
  target: ControlTarget,
  method: string,
  name: string,
  body: unknown,
  now: number,
): Reply {
  const route = `${method} ${name}`;
  switch (route) {
    case "GET state":
      return stateJson(target, now);
    case "GET requests":
      return ok({ requests: target.requests });
    case "DELETE requests":
      target.requests.length = 0;
      return ok({ requests: [] });
    case "POST reset":
      target.store.reset();
      target.requests.length = 0;
      target.faults.clear();
      target.limiter.clear();
      target.holds.clear("drop");
      return ok({ reset: true });
    case "POST drift":
      return drift(target, body);
    case "GET faults":
    case "POST faults":
    case "DELETE faults":
      return faults(target, method, body);
    default:
      return (
        holdControl(target.holds, method, name, body) ?? {
          status: 404,
          json: { error: `unknown control endpoint ${route}` },
        }
      );
  }
}
