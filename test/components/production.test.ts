/** The formation's view of the autoscalers, and a Database's settings arguments: pure helpers. */
import { describe, expect, it } from "vitest";
import { settingsArgs } from "../../components/database";
import { autoscaledBounds, withAutoscaledAmounts } from "../../components/production";

describe("autoscaled types in the formation", () => {
  it("takes each autoscaler's bounds and starts the type at its min", () => {
    const bounds = autoscaledBounds({ web: { min: 2, max: 6, metric: "rpm_per_container", target: 600 } });
    expect(bounds).toEqual({ web: { min: 2, max: 6 } });
    expect(autoscaledBounds(undefined)).toEqual({});
    const processes = { web: { amount: 1, size: "L" as const }, worker: { amount: 3, size: "M" as const } };
    expect(withAutoscaledAmounts(processes, bounds)).toEqual({
      web: { amount: 2, size: "L" },
      worker: { amount: 3, size: "M" },
    });
  });
});

describe("a Database's settings", () => {
  it("passes only the parts the config sets", () => {
    const base = { appId: "ap-1", region: "osc-fr1", addonId: "ad-1" };
    expect(settingsArgs({ ...base, settings: { backups: { enabled: true } } })).toEqual({
      ...base,
      backups: { enabled: true },
    });
  });
});
