import {
  MAX_VARIABLE_NAME_LENGTH,
  MAX_VARIABLE_VALUE_LENGTH,
  VARIABLE_NAME_PATTERN,
} from "../../providers/scalingo/limits";
import { requireApp } from "./apps";
import type { Ctx, Reply } from "./http";
import { asRecord, created, fail, invalid, noContent, notFound, ok, wrapped } from "./http";
import type { Route } from "./router";
import type { AppState, Variable } from "./types";

/** Why a variable name or value is refused, as a 422 `errors` map, if it is. */
export function variableProblems(name: unknown, value: unknown): Record<string, string[]> | undefined {
  const errors: Record<string, string[]> = {};
  if (typeof name !== "string" || name === "") errors.name = ["can't be blank"];
  else if (name.length > MAX_VARIABLE_NAME_LENGTH)
    errors.name = [`is too long (maximum is ${MAX_VARIABLE_NAME_LENGTH} characters)`];
  else if (!VARIABLE_NAME_PATTERN.test(name)) {
    errors.name = ["should contain only letters, digits and underscores and not start with an underscore"];
  }
  if (typeof value !== "string") errors.value = ["must be a string"];
  else if (value.length > MAX_VARIABLE_VALUE_LENGTH)
    errors.value = [`is too long (maximum is ${MAX_VARIABLE_VALUE_LENGTH} characters)`];
  return Object.keys(errors).length === 0 ? undefined : errors;
}

function checkVariable(name: unknown, value: unknown): { name: string; value: string } {
  const errors = variableProblems(name, value);
  if (errors !== undefined) fail(422, { errors });
  return { name: String(name), value: String(value) };
}

/** Resolves `$OTHER` aliases against the app's variables (one level, as Scalingo does). */
export function resolveAliases(variables: readonly Variable[]): Variable[] {
  const byName = new Map(variables.map((v) => [v.name, v.value]));
  return variables.map((v) => {
    const target = /^\$([A-Za-z0-9_]+)$/.exec(v.value)?.[1];
    const resolved = target === undefined ? undefined : byName.get(target);
    return resolved === undefined ? v : { ...v, value: resolved };
  });
}

/** Sets a variable by name (create or update); returns the stored object. */
export function upsertVariable(ctx: Ctx, appState: AppState, name: string, value: string): Variable {
  const existing = appState.variables.find((v) => v.name === name);
  if (existing !== undefined) {
    existing.value = value;
    return existing;
  }
  const variable = { id: ctx.store.nextId(), name, value };
  appState.variables.push(variable);
  return variable;
}

function list(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const aliases = ctx.query.get("aliases");
  const raw = aliases === null || aliases === "" || aliases === "true";
  return ok({ variables: raw ? appState.variables : resolveAliases(appState.variables) });
}

function create(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrapped(ctx.body, "variable");
  const { name, value } = checkVariable(fields.name, fields.value);
  if (appState.variables.some((v) => v.name === name)) invalid("name", "has already been taken");
  return created({ variable: upsertVariable(ctx, appState, name, value) });
}

function bulkUpsert(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const list = asRecord(ctx.body)?.variables;
  if (!Array.isArray(list)) invalid("variables", "missing field");
  const checked = (list as unknown[]).map((item) => {
    const fields = asRecord(item) ?? invalid("variables", "must be a list of {name, value} objects");
    return checkVariable(fields.name, fields.value);
  });
  return ok({ variables: checked.map(({ name, value }) => upsertVariable(ctx, appState, name, value)) });
}

const requireVariable = (appState: AppState, id: string): Variable =>
  appState.variables.find((v) => v.id === id) ?? notFound("variable");

function update(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const variable = requireVariable(appState, ctx.params.id ?? "");
  const fields = wrapped(ctx.body, "variable");
  if (fields.name !== undefined && fields.name !== variable.name) invalid("name", "cannot be changed");
  variable.value = checkVariable(variable.name, fields.value).value;
  return ok({ variable });
}

function remove(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const variable = requireVariable(appState, ctx.params.id ?? "");
  appState.variables = appState.variables.filter((v) => v !== variable);
  return noContent();
}

/** IDs from a JSON body `{"variable_ids":[…]}` (scalingo.js) or the query `variable_ids[]=…`. */
function bulkIds(ctx: Ctx): string[] {
  const fromBody = asRecord(ctx.body)?.variable_ids;
  if (Array.isArray(fromBody)) return fromBody.map(String);
  return [...ctx.query.getAll("variable_ids[]"), ...ctx.query.getAll("variable_ids")].flatMap((v) =>
    v.split(","),
  );
}

function bulkRemove(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const ids = bulkIds(ctx);
  if (ids.length === 0) invalid("variable_ids", "can't be blank");
  for (const id of ids) requireVariable(appState, id);
  appState.variables = appState.variables.filter((v) => !ids.includes(v.id));
  return noContent();
}

/** Environment variable routes. */
export const variableRoutes: Route[] = [
  { method: "GET", pattern: "/v1/apps/:app/variables", auth: "user", handler: list },
  { method: "POST", pattern: "/v1/apps/:app/variables", auth: "user", handler: create },
  { method: "PUT", pattern: "/v1/apps/:app/variables", auth: "user", handler: bulkUpsert },
  { method: "DELETE", pattern: "/v1/apps/:app/variables", auth: "user", handler: bulkRemove },
  { method: "PATCH", pattern: "/v1/apps/:app/variables/:id", auth: "user", handler: update },
  { method: "PUT", pattern: "/v1/apps/:app/variables/:id", auth: "user", handler: update },
  { method: "DELETE", pattern: "/v1/apps/:app/variables/:id", auth: "user", handler: remove },
];
