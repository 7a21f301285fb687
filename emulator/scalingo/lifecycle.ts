import { DEFAULT_SIZE } from "../../providers/scalingo/limits";
import { iso } from "./ids";
import type { Store } from "./store";
import type { AppState, JsonObject, ScheduledTask } from "./types";

/** Statuses a deployment goes through, one step per `--operation-ms`. */
export const DEPLOYMENT_STEPS = ["building", "pushing", "starting", "success"] as const;

/** A successful deployment adds the Procfile's types (web: 1, others: 0) and keeps amounts already set. */
export function applyProcfile(store: Store, appState: AppState, procfile: Record<string, string>): void {
  appState.procfile = procfile;
  appState.containers = Object.entries(procfile).map(([name, command]) => {
    const existing = appState.containers.find((c) => c.name === name);
    if (existing !== undefined) return { ...existing, command };
    const amount = name === "web" ? 1 : 0;
    return { id: store.nextId(), app_id: appState.app.id, name, amount, size: DEFAULT_SIZE, command };
  });
}

const STEP_LOG: Record<string, string> = {
  building: "-----> Building the image",
  pushing: "-----> Pushing the image",
  starting: "-----> Starting containers",
  success: "-----> Deployment success",
  "build-error": " !     Deployment failed: build-error",
};

/** Moves a deployment one status further; at the end, records it on the app and applies its Procfile. */
function deploymentStep(store: Store, appState: AppState, task: ScheduledTask): void {
  const deployment = appState.deployments.find((d) => d.id === task.targetId);
  if (deployment === undefined) return;
  deployment.status = task.status;
  const output = appState.deployment_outputs[deployment.id] ?? "";
  appState.deployment_outputs[deployment.id] =
    `${output}${STEP_LOG[task.status] ?? `-----> ${task.status}`}\n`;
  const app = appState.app;
  if (task.status === "starting") app.status = "booting";
  if (task.status !== "success" && !task.status.endsWith("-error")) return;
  deployment.finished_at = iso(task.at);
  deployment.duration = Math.round((task.at - Date.parse(deployment.created_at)) / 1000);
  if (task.status === "success") {
    applyProcfile(store, appState, appState.deployment_procfiles[deployment.id] ?? {});
    app.last_deployed_at = iso(task.at);
    app.last_deployment_id = deployment.id;
    app.last_deployed_by = deployment.pusher.username;
  }
  app.status = appState.procfile === null ? "new" : "running";
}

/** A provisioned add-on (and its database, if any) is running. */
function addonRunning(appState: AppState, task: ScheduledTask): void {
  const addon = appState.addons.find((a) => a.id === task.targetId);
  if (addon !== undefined) Object.assign(addon, { status: "running", updated_at: iso(task.at) });
  const database = appState.databases[task.targetId];
  if (database !== undefined) database.database.status = "running";
}

/** An operation moves on; once done, the app runs again. */
function operationStatus(appState: AppState, task: ScheduledTask): void {
  const operation = appState.operations.find((o) => o.id === task.targetId);
  if (operation === undefined) return;
  operation.status = task.status as "running" | "done";
  if (task.status === "done") {
    operation.finished_at = iso(task.at);
    appState.app.status = "running";
  }
}

/** Let's Encrypt issues the certificate (90 days), unless a custom one was set meanwhile. */
function domainCertificate(appState: AppState, task: ScheduledTask): void {
  const domain = appState.domains.find((d) => d.id === task.targetId);
  if (domain?.letsencrypt_enabled && domain.tlscert === null) {
    Object.assign(domain, {
      letsencrypt_status: "created",
      ssl_status: "success",
      letsencrypt: true,
      ssl: true,
    });
    domain.validity = iso(task.at + 90 * 24 * 3600 * 1000);
  }
}

/** A feature becomes `ACTIVATED`, or is dropped once removed (`REMOVED`). */
function featureStatus(appState: AppState, task: ScheduledTask): void {
  const [dbId = "", name = ""] = task.targetId.split(":");
  const database = appState.databases[dbId]?.database;
  if (database === undefined) return;
  const features = (database.features ?? []) as JsonObject[];
  database.features =
    task.status === "REMOVED"
      ? features.filter((f) => f.name !== name)
      : features.map((f) => (f.name === name ? { name, status: task.status } : f));
}

/** A database operation (PITR restore) moves on; once finished, the database has none running. */
function dbOperationStatus(appState: AppState, task: ScheduledTask): void {
  const [dbId = "", opId = ""] = task.targetId.split(":");
  const db = appState.databases[dbId];
  const operation = db?.operations?.find((o) => o.id === opId);
  if (db === undefined || operation === undefined) return;
  operation.status = task.status;
  if (task.status !== "finished") return;
  operation.finished_at = iso(task.at);
  if (db.database.current_operation_id === opId) db.database.current_operation_id = null;
}

function backupDone(appState: AppState, task: ScheduledTask): void {
  const backups = Object.values(appState.databases).flatMap((d) => d.backups);
  const backup = backups.find((b) => b.id === task.targetId);
  if (backup !== undefined) backup.status = task.status;
}

function applyTask(store: Store, task: ScheduledTask): void {
  const appState = store.findAppById(task.region, task.appId);
  if (appState === undefined) return;
  switch (task.kind) {
    case "addon-running":
      addonRunning(appState, task);
      break;
    case "operation-status":
      operationStatus(appState, task);
      break;
    case "deployment-status":
      deploymentStep(store, appState, task);
      break;
    case "domain-certificate":
      domainCertificate(appState, task);
      break;
    case "backup-done":
      backupDone(appState, task);
      break;
    case "feature-status":
      featureStatus(appState, task);
      break;
    case "db-operation-status":
      dbOperationStatus(appState, task);
      break;
  }
}

/** Applies every scheduled change due at `now`, oldest first; returns whether anything changed. */
export function advance(store: Store, now: number): boolean {
  const due = store.state.schedule.filter((t) => t.at <= now).sort((a, b) => a.at - b.at);
  if (due.length === 0) return false;
  store.state.schedule = store.state.schedule.filter((t) => t.at > now);
  for (const task of due) applyTask(store, task);
  return true;
}
