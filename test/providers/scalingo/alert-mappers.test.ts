import { describe, expect, it } from "vitest";
import { alertChanges, alertCreateBody, alertInputsFromApi } from "../../../providers/scalingo/alert-mappers";
import type { AlertInputs, ApiAlert } from "../../../providers/scalingo/monitoring-schemas";

const inputs: AlertInputs = {
  appId: "ap-1",
  region: "osc-fr1",
  providerVersion: "1",
  containerType: "web",
  metric: "p95_response_time",
  limit: 1000,
  sendWhenBelow: false,
  durationBeforeTrigger: "5m",
  remindEvery: "1h",
  notifiers: ["no-1", "no-2"],
  disabled: false,
};
const api: ApiAlert = {
  id: "al-1",
  container_type: "web",
  metric: "p95_response_time",
  limit: 1000,
  send_when_below: false,
  disabled: false,
  duration_before_trigger: 300e9,
  remind_every: "1h0m0s",
  notifiers: ["no-2", "no-1"],
};

describe("Alert mappers", () => {
  it("creates with the trigger duration in nanoseconds and the reminder as Go writes it", () => {
    expect(alertCreateBody(inputs).alert).toMatchObject({
      duration_before_trigger: 300e9,
      remind_every: "1h0m0s",
    });
    expect(alertCreateBody({ ...inputs, remindEvery: undefined }).alert).not.toHaveProperty("remind_every");
  });

  it("updates only what differs, durations in nanoseconds, notifiers compared as a set", () => {
    expect(alertChanges(inputs, api)).toEqual({});
    expect(alertChanges({ ...inputs, limit: 800, remindEvery: "30m" }, api)).toEqual({
      limit: 800,
      remind_every: 1800e9,
    });
    expect(alertChanges({ ...inputs, notifiers: ["no-1"] }, api)).toEqual({ notifiers: ["no-1"] });
  });

  it("keeps declared durations and notifier order while they mean the same", () => {
    expect(alertInputsFromApi(inputs, api)).toEqual(inputs);
    expect(alertInputsFromApi(inputs, { ...api, remind_every: "" })).toMatchObject({ remindEvery: "0s" });
    const { remindEvery: _none, ...once } = inputs;
    expect(alertInputsFromApi(once, { ...api, remind_every: "" })).not.toHaveProperty("remindEvery");
  });
});
