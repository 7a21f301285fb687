import { describe, expect, it } from "vitest";
import {
  eventIdsOf,
  eventNamesOf,
  notifierBody,
  sameIds,
} from "../../../providers/scalingo/notifier-mappers";

const types = [
  { id: "e1", name: "deployment" },
  { id: "e2", name: "crash" },
];
const base = {
  appId: "ap-1",
  region: "osc-fr1",
  providerVersion: "1",
  name: "ops",
  active: true,
  sendAllAlerts: true,
  sendAllEvents: false,
  events: [],
  emails: ["ops@example.com"],
} as const;

describe("Notifier mappers", () => {
  it("resolves event names to IDs and back, keeping what no type has visible", () => {
    expect(eventIdsOf(["crash", "nope", "deployment"], types)).toEqual({
      ids: ["e2", "e1"],
      unknown: ["nope"],
    });
    expect(eventNamesOf(["e1", "e9"], types)).toEqual(["deployment", "e9"]);
    expect(sameIds(["e1", "e2"], ["e2", "e1"])).toBe(true);
    expect(sameIds(["e1"], ["e1", "e2"])).toBe(false);
  });

  it("puts the platform's settings in type_data", () => {
    expect(
      notifierBody({ ...base, emails: [...base.emails], events: [], platform: "email" }, "p1", ["e1"]),
    ).toEqual({
      notifier: {
        name: "ops",
        platform_id: "p1",
        active: true,
        send_all_alerts: true,
        send_all_events: false,
        selected_event_ids: ["e1"],
        type_data: { emails: ["ops@example.com"] },
      },
    });
    const slack = {
      ...base,
      emails: [],
      events: [],
      platform: "slack" as const,
      webhookUrl: "https://h.example/x",
    };
    expect(notifierBody(slack, "p2", []).notifier.type_data).toEqual({ webhook_url: "https://h.example/x" });
  });
});
