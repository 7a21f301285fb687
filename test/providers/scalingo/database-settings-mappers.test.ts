import { describe, expect, it } from "vitest";
import type { ApiDatabase, DatabaseSettingsInputs } from "../../../providers/scalingo/database-schemas";
import {
  featurePlan,
  featuresSettled,
  settingsChanges,
  settingsFromApi,
  weekdayName,
  weekdayNumber,
} from "../../../providers/scalingo/database-settings-mappers";

const db = (extra: Partial<ApiDatabase> = {}): ApiDatabase => ({
  id: "ad-1",
  resource_id: "shop_1",
  status: "running",
  type_name: "postgresql",
  hostname: "h:1",
  periodic_backups_enabled: true,
  periodic_backups_scheduled_at: [2],
  maintenance_window: { weekday_utc: 1, starting_hour_utc: 3, duration_in_hour: 8 },
  features: [],
  ...extra,
});
const inputs = (extra: Partial<DatabaseSettingsInputs> = {}): DatabaseSettingsInputs => ({
  appId: "ap-1",
  region: "osc-fr1",
  addonId: "ad-1",
  providerVersion: "1",
  ...extra,
});

describe("settingsChanges", () => {
  it.each([
    ["nothing declared", inputs(), {}],
    [
      "the same",
      inputs({ backups: { enabled: true, hour: 2 }, maintenanceWindow: { day: "monday", hour: 3 } }),
      {},
    ],
    ["backups off", inputs({ backups: { enabled: false } }), { periodic_backups_enabled: false }],
    [
      "another hour (a scalar)",
      inputs({ backups: { enabled: true, hour: 4 } }),
      { periodic_backups_scheduled_at: 4 },
    ],
    [
      "another window",
      inputs({ maintenanceWindow: { day: "sunday", hour: 3 } }),
      { maintenance_window: { weekday_utc: 0, starting_hour_utc: 3 } },
    ],
  ])("%s", (_what, declared, expected) => {
    expect(settingsChanges(declared, db())).toEqual(expected);
  });

  it("maps weekday names to Go's numbering (Sunday = 0) and back", () => {
    expect(weekdayNumber("sunday")).toBe(0);
    expect(weekdayNumber("saturday")).toBe(6);
    expect(weekdayName(3)).toBe("wednesday");
  });
});

describe("features", () => {
  const withFeatures = (features: { name: string; status: string }[]) => db({ features });

  it("enables what is declared and off, disables only what was declared before", () => {
    const now = withFeatures([
      { name: "force-ssl", status: "PENDING_TO_ACTIVATE" },
      { name: "redis-rdb", status: "ACTIVATED" },
      { name: "publicly-available", status: "ACTIVATED" },
    ]);
    expect(featurePlan(["publicly-available"], ["force-ssl", "redis-aof"], now)).toEqual({
      enable: ["redis-aof"],
      disable: ["publicly-available"],
    });
  });

  it("is settled when declared features are ACTIVATED and removed ones are gone", () => {
    expect(
      featuresSettled(
        ["force-ssl"],
        [],
        withFeatures([{ name: "force-ssl", status: "PENDING_TO_ACTIVATE" }]),
      ),
    ).toBe(false);
    expect(
      featuresSettled(["force-ssl"], ["x"], withFeatures([{ name: "force-ssl", status: "ACTIVATED" }])),
    ).toBe(true);
    expect(featuresSettled([], ["x"], withFeatures([{ name: "x", status: "PENDING_TO_REMOVE" }]))).toBe(
      false,
    );
  });
});

describe("settingsFromApi", () => {
  it("reports only declared parts, as Scalingo holds them", () => {
    const declared = inputs({ backups: { enabled: true, hour: 3 }, features: ["force-ssl"] });
    expect(settingsFromApi(declared, db())).toEqual({
      ...declared,
      backups: { enabled: true, hour: 2 },
      features: [],
    });
    expect(settingsFromApi(declared, db({ periodic_backups_scheduled_at: [1, 13] })).backups).toEqual({
      enabled: true,
    });
    expect(settingsFromApi(inputs(), db())).toEqual(inputs());
  });
});
