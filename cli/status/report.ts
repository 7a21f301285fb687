/**
 * What `paasenv status` reports — the live facts that are not in Pulumi's state because they change on their
 * own: each add-on's status, last backup, PITR window, backup schedule and maintenance window, and the
 * autoscalers' state — and how it prints them. Pure functions over what the API answered.
 */
import { weekdayName } from "../../providers/scalingo/database-settings-mappers";
import type { ApiAutoscaler } from "../../providers/scalingo/monitoring-schemas";
import type { AddonFacts, DatabaseFacts } from "../db/api";

/** One add-on's live facts. */
export interface AddonStatus {
  provider: string;
  id: string;
  plan: string;
  status: string;
  databaseStatus: string | undefined;
  lastBackup: { at: string; status: string; method: string } | null;
  pitrWindow: { earliest: string; latest: string } | null;
  backups: { enabled: boolean; hoursUtc: number[] } | undefined;
  maintenanceWindow: { day: string; hourUtc: number; durationHours: number } | null;
  runningOperation: string | null;
}

/** The whole report (`--json` prints it as is). */
export interface StatusReport {
  stack: string;
  app: string;
  region: string;
  appStatus: string;
  addons: AddonStatus[];
  autoscalers: { type: string; min: number; max: number; metric: string; target: number; enabled: boolean }[];
}

/** One add-on's status from the API's answers (`database` absent for an add-on without a Database API). */
export function addonStatus(addon: AddonFacts, facts: DatabaseFacts | undefined): AddonStatus {
  const db = facts?.database;
  const last = facts?.backups[0];
  const window = facts?.recoveryWindow;
  const maintenance = db?.maintenance_window;
  return {
    provider: addon.addon_provider.id,
    id: addon.id,
    plan: addon.plan.name,
    status: addon.status,
    databaseStatus: db?.status,
    lastBackup: last === undefined ? null : { at: last.created_at, status: last.status, method: last.method },
    pitrWindow:
      window?.earliest_recoverable_at && window.latest_recoverable_at
        ? { earliest: window.earliest_recoverable_at, latest: window.latest_recoverable_at }
        : null,
    backups:
      db === undefined
        ? undefined
        : { enabled: db.periodic_backups_enabled, hoursUtc: [...(db.periodic_backups_scheduled_at ?? [])] },
    maintenanceWindow:
      maintenance === undefined || maintenance === null
        ? null
        : {
            day: weekdayName(maintenance.weekday_utc),
            hourUtc: maintenance.starting_hour_utc,
            durationHours: maintenance.duration_in_hour,
          },
    runningOperation: db?.current_operation_id ?? null,
  };
}

/** The autoscalers as the report lists them. */
export const autoscalerStatus = (autoscalers: readonly ApiAutoscaler[]): StatusReport["autoscalers"] =>
  autoscalers.map((a) => ({
    type: a.container_type,
    min: a.min_containers,
    max: a.max_containers,
    metric: a.metric,
    target: a.target,
    enabled: !a.disabled,
  }));

const hour = (h: number) => `${String(h).padStart(2, "0")}:00 UTC`;

function addonLines(a: AddonStatus): string[] {
  const lines = [
    `${a.provider} (${a.id}, ${a.plan}): ${a.status}${a.databaseStatus ? `, database ${a.databaseStatus}` : ""}`,
  ];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(18)}${value}`);
  row(
    "last backup",
    a.lastBackup === null
      ? "none yet"
      : `${a.lastBackup.at} (${a.lastBackup.status}, ${a.lastBackup.method})`,
  );
  if (a.backups !== undefined)
    row(
      "periodic backups",
      a.backups.enabled ? `on, daily at ${a.backups.hoursUtc.map(hour).join(", ")}` : "OFF",
    );
  row("PITR window", a.pitrWindow === null ? "none" : `${a.pitrWindow.earliest} → ${a.pitrWindow.latest}`);
  if (a.maintenanceWindow !== null) {
    const m = a.maintenanceWindow;
    row("maintenance", `${m.day} ${hour(m.hourUtc)}, ${m.durationHours} h`);
  }
  if (a.runningOperation !== null) row("operation", `${a.runningOperation} running`);
  return lines;
}

/** The report as text, one fact per line. */
export function renderStatus(report: StatusReport): string {
  const lines = [`${report.stack}: app ${report.app} (${report.region}) ${report.appStatus}`];
  for (const addon of report.addons) lines.push(...addonLines(addon).map((l) => `  ${l}`));
  for (const a of report.autoscalers) {
    const state = a.enabled ? "enabled" : "DISABLED (a manual scale turns it off)";
    lines.push(`  autoscaler ${a.type}: ${a.min}–${a.max} containers on ${a.metric} → ${a.target}, ${state}`);
  }
  if (report.autoscalers.length === 0) lines.push("  autoscalers: none");
  return `${lines.join("\n")}\n`;
}
