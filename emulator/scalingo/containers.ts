import { CONTAINER_SIZES, DEFAULT_SIZE, MAX_CONTAINERS } from "../../providers/scalingo/limits";
import { requireApp } from "./apps";
import { disableAutoscalersOf } from "./autoscalers";
import { containerSizes } from "./catalog";
import type { Ctx, Reply } from "./http";
import { asRecord, fail, invalid, notFound, ok } from "./http";
import { iso } from "./ids";
import type { Route } from "./router";
import type { AppState, Container, Operation } from "./types";

/** A requested change of one process type. */
interface ScaleEntry {
  name: string;
  amount: number | undefined;
  size: string | undefined;
}

function parseEntry(item: unknown): ScaleEntry {
  const fields = asRecord(item) ?? invalid("containers", "must be a list of {name, amount, size} objects");
  const name = fields.name;
  if (typeof name !== "string" || name === "") invalid("name", "can't be blank");
  const amount = fields.amount;
  if (amount !== undefined && (typeof amount !== "number" || !Number.isInteger(amount) || amount < 0)) {
    invalid("amount", "must be a non-negative integer");
  }
  if (typeof amount === "number" && amount > MAX_CONTAINERS) {
    invalid("amount", `must be less than or equal to ${MAX_CONTAINERS}, contact support to go further`);
  }
  const size = fields.size;
  if (size !== undefined && size !== null && size !== "" && !CONTAINER_SIZES.includes(size as never)) {
    invalid("size", `"${String(size)}" is not one of ${CONTAINER_SIZES.join(", ")}`);
  }
  return {
    name: name as string,
    amount: amount as number | undefined,
    size: typeof size === "string" && size !== "" ? size : undefined,
  };
}

/** Public shape of a formation entry in the scale response. */
const formationJson = (containers: readonly Container[]) =>
  containers.map(({ id, name, amount, size }) => ({ id, name, amount, size }));

/** The formation after applying the entries (a copy; the stored one is untouched). */
function nextFormation(ctx: Ctx, appState: AppState, entries: readonly ScaleEntry[]): Container[] {
  const next = appState.containers.map((c) => ({ ...c }));
  for (const entry of entries) {
    let container = next.find((c) => c.name === entry.name);
    if (container === undefined) {
      if (appState.procfile !== null) {
        invalid("containers", `process type "${entry.name}" is not in your Procfile`);
      }
      container = {
        id: ctx.store.nextId(),
        app_id: appState.app.id,
        name: entry.name,
        amount: 0,
        size: DEFAULT_SIZE,
        command: "",
      };
      next.push(container);
    }
    container.amount = entry.amount ?? container.amount;
    container.size = entry.size ?? container.size;
  }
  return next;
}

const sameFormation = (a: readonly Container[], b: readonly Container[]): boolean =>
  a.length === b.length &&
  a.every((c) => b.some((d) => d.name === c.name && d.amount === c.amount && d.size === c.size));

/** Starts an operation (pending → running → done over `--operation-ms`) and returns its absolute URL. */
export function startOperation(ctx: Ctx, appState: AppState, type: string): string {
  const ms = ctx.options.operationMs;
  const operation: Operation = {
    id: ctx.store.nextId(),
    app_id: appState.app.id,
    created_at: iso(ctx.now),
    finished_at: ms <= 0 ? iso(ctx.now) : null,
    status: ms <= 0 ? "done" : "pending",
    type,
    error: "",
  };
  appState.operations.push(operation);
  const task = {
    region: ctx.region,
    appId: appState.app.id,
    kind: "operation-status" as const,
    targetId: operation.id,
  };
  if (ms > 0) {
    appState.app.status = type === "restart" ? "restarting" : "scaling";
    ctx.store.schedule({ ...task, at: ctx.now + ms / 2, status: "running" });
    ctx.store.schedule({ ...task, at: ctx.now + ms, status: "done" });
  }
  return `${ctx.regionUrl}/v1/apps/${appState.app.name}/operations/${operation.id}`;
}

function scale(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const list = asRecord(ctx.body)?.containers;
  if (!Array.isArray(list) || list.length === 0) invalid("containers", "missing field");
  if (appState.app.status === "booting") invalid("app", "is booting");
  const entries = (list as unknown[]).map(parseEntry);
  const next = nextFormation(ctx, appState, entries);
  if (sameFormation(next, appState.containers)) fail(400, { error: "no change in containers formation" });
  appState.containers = next;
  disableAutoscalersOf(
    ctx,
    appState,
    entries.map((e) => e.name),
  );
  appState.app.updated_at = iso(ctx.now);
  const body = { containers: formationJson(next) };
  // Never deployed: nothing runs, so no operation (the Terraform provider scales brand-new apps).
  if (appState.procfile === null) return ok(body);
  return ok(body, 202, { Location: startOperation(ctx, appState, "scale") });
}

function restart(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  if (appState.procfile === null) invalid("app", "has never been deployed, there is nothing to restart");
  if (appState.app.status === "booting") invalid("app", "is booting");
  return { status: 202, headers: { Location: startOperation(ctx, appState, "restart") } };
}

function operation(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const found = appState.operations.find((o) => o.id === ctx.params.id) ?? notFound("operation");
  return ok({ operation: found });
}

function ps(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  if (appState.procfile === null) return ok({ containers: [] });
  const sizes = containerSizes(ctx.region);
  const containers = appState.containers.flatMap((c) =>
    Array.from({ length: c.amount }, (_, i) => ({
      id: `${c.id}-${i + 1}`,
      app_id: appState.app.id,
      type: c.name,
      type_index: i + 1,
      label: `${c.name}-${i + 1}`,
      created_at: appState.app.last_deployed_at,
      deleted_at: null,
      state: "running",
      command: c.command,
      container_size: sizes.find((s) => s.name === c.size) ?? null,
    })),
  );
  return ok({ containers });
}

/** Containers, scale, restart, operations and container sizes. */
export const containerRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/apps/:app/containers",
    auth: "user",
    handler: (ctx) => ok({ containers: requireApp(ctx).containers }),
  },
  { method: "GET", pattern: "/v1/apps/:app/ps", auth: "user", handler: ps },
  { method: "POST", pattern: "/v1/apps/:app/scale", auth: "user", handler: scale },
  { method: "POST", pattern: "/v1/apps/:app/restart", auth: "user", handler: restart },
  { method: "GET", pattern: "/v1/apps/:app/operations/:id", auth: "user", handler: operation },
  {
    method: "GET",
    pattern: "/v1/features/container_sizes",
    auth: "optional",
    handler: (ctx) => ok({ container_sizes: containerSizes(ctx.region) }),
  },
];
