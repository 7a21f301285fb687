/** The production resources' config: defaults, keys, the error-page variables and what review environments keep. */
import { describe, expect, it } from "vitest";
import { collaboratorList } from "../../../components/config/collaborators";
import { errorPageVariables } from "../../../components/config/error-pages";
import { drainKey } from "../../../components/config/log-drains";
import { alertKey, alertsFor, DEFAULT_ALERTS } from "../../../components/config/monitoring";
import { applyReviewOverrides } from "../../../components/config/review";
import { parseStackConfig } from "../../../components/config/schema";

const production = {
  environment: "production",
  app: { name: "shop-production" },
  processes: { web: { amount: 2 } },
  addons: {
    postgresql: {
      plan: "postgresql-business-1024",
      backups: { hour: 3 },
      maintenanceWindow: { day: "sunday", hour: 2 },
      features: ["force-ssl"],
      users: [{ name: "metabase", readOnly: true }],
    },
    redis: { plan: "redis-business-256", maintenanceWindow: { day: "sunday", hour: 4 } },
  },
  monitoring: { notifiers: [{ name: "ops", platform: "email", emails: ["ops@example.com"] }] },
  logDrains: [{ type: "papertrail", host: "logs.papertrailapp.com", port: 12345 }],
  autoscaler: { web: { min: 2, max: 6, target: 600 } },
  collaborators: ["dev@example.com", { email: "support@example.com", limited: true }],
  errorPages: {
    stopped: "https://pages.example.com/stopped.html",
    timeout: "https://pages.example.com/timeout.html",
  },
};

describe("the production resources' config", () => {
  it("gives production the default alerts unless the stack lists its own, and other stacks none", () => {
    const config = parseStackConfig(production);
    expect(alertsFor(config.environment, config.monitoring)).toBe(DEFAULT_ALERTS);
    expect(
      DEFAULT_ALERTS.map((a) => `${alertKey(a)} > ${a.limit} for ${a.for}, every ${a.remindEvery}`),
    ).toEqual([
      "web-5xx > 10 for 2m, every 1h",
      "web-p95-response-time > 1000 for 5m, every 1h",
      "web-memory > 0.9 for 5m, every 1h",
      "web-cpu > 0.9 for 5m, every 1h",
    ]);
    expect(alertsFor("production", { notifiers: [], alerts: [] })).toEqual([]);
    expect(alertsFor("staging", undefined)).toEqual([]);
  });

  it("keys drains and reads collaborators and error pages the way the component declares them", () => {
    const config = parseStackConfig(production);
    expect(config.logDrains?.map(drainKey)).toEqual(["papertrail-logs-papertrailapp-com"]);
    expect(drainKey({ type: "datadog", drainRegion: "eu-west-2", token: "t", addons: true })).toBe(
      "datadog-eu-west-2",
    );
    expect(collaboratorList(config.collaborators)).toEqual([
      { email: "dev@example.com", limited: false },
      { email: "support@example.com", limited: true },
    ]);
    expect(errorPageVariables(config.errorPages)).toEqual({
      SCALINGO_STOPPED_PAGE_URL: "https://pages.example.com/stopped.html",
      SCALINGO_TIMEOUT_ERROR_URL: "https://pages.example.com/timeout.html",
    });
  });

  it("gives review environments none of them, unless paasenv:review.keep names them", () => {
    const review = { ...production, environment: "review", reviewNumber: 3 };
    const none = applyReviewOverrides(parseStackConfig(review));
    for (const key of ["monitoring", "logDrains", "autoscaler", "collaborators", "errorPages"]) {
      expect(none, key).not.toHaveProperty(key);
    }
    expect(none.addons).toEqual({
      postgresql: { plan: "postgresql-sandbox" },
      redis: { plan: "redis-sandbox" },
    });
    const kept = applyReviewOverrides(
      parseStackConfig({ ...review, review: { keep: ["monitoring", "databases"] } }),
    );
    expect(kept.monitoring?.notifiers.map((n) => n.name)).toEqual(["ops"]);
    expect(kept.addons.postgresql).toMatchObject({
      plan: "postgresql-sandbox",
      users: [{ name: "metabase", readOnly: true }],
    });
    expect(kept).not.toHaveProperty("logDrains");
  });
});
