import { describe, expect, it } from "vitest";
import { addonStatus, autoscalerStatus, renderStatus } from "../../../cli/status/report";

const addon = {
  id: "ad-1",
  resource_id: "shop_1",
  status: "running",
  plan: { id: "p", name: "postgresql-business-1024" },
  addon_provider: { id: "postgresql" },
};
const database = {
  id: "ad-1",
  resource_id: "shop_1",
  status: "running",
  type_name: "postgresql",
  hostname: "h:1",
  periodic_backups_enabled: true,
  periodic_backups_scheduled_at: [3],
  maintenance_window: { weekday_utc: 0, starting_hour_utc: 4, duration_in_hour: 8 },
  current_operation_id: null,
};
const backups = [
  { id: "b2", created_at: "2026-07-19T03:00:00Z", status: "done", method: "periodic" },
  { id: "b1", created_at: "2026-07-18T03:00:00Z", status: "done", method: "periodic" },
];
const window = {
  earliest_recoverable_at: "2026-07-12T10:00:00Z",
  latest_recoverable_at: "2026-07-19T10:00:00Z",
};

describe("paasenv status report", () => {
  it("reports each add-on's live facts and the autoscalers, readable", () => {
    const report = {
      stack: "production",
      app: "shop-production",
      region: "osc-fr1",
      appStatus: "running",
      addons: [addonStatus(addon, { database, backups, recoveryWindow: window })],
      autoscalers: autoscalerStatus([
        {
          id: "au-1",
          container_type: "web",
          min_containers: 2,
          max_containers: 6,
          metric: "rpm_per_container",
          target: 600,
          disabled: true,
        },
      ]),
    };
    expect(report.addons[0]).toEqual({
      provider: "postgresql",
      id: "ad-1",
      plan: "postgresql-business-1024",
      status: "running",
      databaseStatus: "running",
      lastBackup: { at: "2026-07-19T03:00:00Z", status: "done", method: "periodic" },
      pitrWindow: { earliest: "2026-07-12T10:00:00Z", latest: "2026-07-19T10:00:00Z" },
      backups: { enabled: true, hoursUtc: [3] },
      maintenanceWindow: { day: "sunday", hourUtc: 4, durationHours: 8 },
      runningOperation: null,
    });
    expect(renderStatus(report)).toBe(
      [
        "production: app shop-production (osc-fr1) running",
        "  postgresql (ad-1, postgresql-business-1024): running, database running",
        "    last backup       2026-07-19T03:00:00Z (done, periodic)",
        "    periodic backups  on, daily at 03:00 UTC",
        "    PITR window       2026-07-12T10:00:00Z → 2026-07-19T10:00:00Z",
        "    maintenance       sunday 04:00 UTC, 8 h",
        "  autoscaler web: 2–6 containers on rpm_per_container → 600, DISABLED (a manual scale turns it off)",
        "",
      ].join("\n"),
    );
  });

  it("says when there is no backup yet, no PITR window and no autoscaler", () => {
    const bare = addonStatus(addon, {
      database: { ...database, periodic_backups_enabled: false },
      backups: [],
      recoveryWindow: {},
    });
    const text = renderStatus({
      stack: "s",
      app: "a",
      region: "osc-fr1",
      appStatus: "new",
      addons: [bare],
      autoscalers: [],
    });
    expect(text).toContain("last backup       none yet");
    expect(text).toContain("periodic backups  OFF");
    expect(text).toContain("PITR window       none");
    expect(text).toContain("autoscalers: none");
  });
});
