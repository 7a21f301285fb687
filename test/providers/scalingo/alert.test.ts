/**
 * Alert against the emulator: durations in nanoseconds and Go strings, notifiers by ID, drift, adoption, and
 * a create whose answer was lost (found among the alerts that were not there before).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { alertProvider } from "../../../providers/scalingo/alert-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { notifierProvider } from "../../../providers/scalingo/notifier-provider";
import { api, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
let notifierId: string;
const harness = useHarness([appProvider, notifierProvider, alertProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  appId = (await appProvider.create({ name: "shop-production", region: "osc-fr1" })).id;
  const ops = { appId, region: "osc-fr1", name: "ops", platform: "email", emails: ["ops@example.com"] };
  notifierId = (await checkAndCreate(notifierProvider, ops)).id;
});

const alert = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  containerType: "web",
  metric: "5XX",
  limit: 10,
  durationBeforeTrigger: "2m",
  remindEvery: "1h",
  notifiers: [notifierId],
  resourceName: "shop-alert-web-5xx",
  __provider: "code",
  ...extra,
});
const stored = async (id: string) =>
  (await api(h, "GET", `/v1/apps/${appId}/alerts/${id}`)).alert as Record<string, unknown>;

describe("Alert check", () => {
  it("names a bad metric and a bad duration", async () => {
    const { failures } = await alertProvider.check({}, alert({ metric: "ram", remindEvery: "1 hour" }));
    expect(failures?.map((f) => f.reason)).toEqual([
      'Alert "shop-alert-web-5xx": `metric` must be one of rpm_per_container, p95_response_time, 5XX, cpu, memory, swap, all',
      'Alert "shop-alert-web-5xx": `remindEvery` must be a duration such as 2m, 1h or 1h30m',
    ]);
  });
});

describe("Alert lifecycle against the emulator", () => {
  it("sends durations as the API wants them and reads them back as declared", async () => {
    const { id, outs, inputs } = await checkAndCreate(alertProvider, alert());
    expect(await stored(id)).toMatchObject({
      container_type: "web",
      metric: "5XX",
      limit: 10,
      duration_before_trigger: 120_000_000_000,
      remind_every: "1h0m0s",
      notifiers: [notifierId],
    });
    await h.clearRequests();
    const read = await alertProvider.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await alertProvider.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false, replaces: [] });
    expect(await alertProvider.diff(id, outs, { ...inputs, remindEvery: "60m" })).toEqual({
      changes: false,
      replaces: [],
    });
    expect((await h.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/apps/${appId}/alerts/${id}`,
    ]);
  });

  it("sees a limit and reminder changed outside Pulumi and puts them back with a flat PATCH in nanoseconds", async () => {
    const { id, outs, inputs } = await checkAndCreate(alertProvider, alert());
    await api(h, "PATCH", `/v1/apps/${appId}/alerts/${id}`, { alert: { limit: 50, remind_every: "5m" } });
    const read = await alertProvider.read(id, outs);
    expect(read.props).toMatchObject({ limit: 50, remindEvery: "5m0s" });
    expect((await alertProvider.diff(id, read.props ?? {}, inputs)).changes).toBe(true);
    await h.clearRequests();
    await alertProvider.update(id, read.props ?? {}, inputs);
    expect(await stored(id)).toMatchObject({ limit: 10, remind_every: "1h0m0s" });
    expect((await h.writes()).map((r) => r.method)).toEqual(["PATCH"]);
    await alertProvider.delete(id, outs);
    expect(await alertProvider.read(id, outs)).toEqual({});
  });
});

describe("Alert under faults and adoption", () => {
  it("finds the alert created before a lost answer among the new ones, and refuses a twin without adopt", async () => {
    const other = await checkAndCreate(alertProvider, alert({ limit: 20 }));
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/alerts`, drop: true, when: "after" });
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/alerts`, status: 429, times: 1 });
    const { id } = await checkAndCreate(alertProvider, alert());
    const alerts = (await api(h, "GET", `/v1/apps/${appId}/alerts`)).alerts as { id: string }[];
    expect(alerts.map((a) => a.id).sort()).toEqual([other.id, id].sort());
    const error = await rejection(checkAndCreate(alertProvider, alert()));
    expect(error.message).toContain(`the app already has an alert on 5XX of web at 10 (${id})`);
    expect((await checkAndCreate(alertProvider, alert({ adopt: true, remindEvery: "2h" }))).id).toBe(id);
    expect(await stored(id)).toMatchObject({ remind_every: "2h0m0s" });
  });

  it("retries a read through 503 and an update through 500 (a PATCH can be replayed)", async () => {
    const { id, outs, inputs } = await checkAndCreate(alertProvider, alert());
    await h.clearRequests();
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/alerts/${id}`, status: 503, times: 1 });
    await h.fault({
      method: "PATCH",
      path: `/v1/apps/${appId}/alerts/${id}`,
      status: 500,
      times: 1,
      when: "after",
    });
    await alertProvider.update(id, outs, { ...inputs, limit: 20 });
    expect((await h.requests()).map((r) => `${r.method} ${r.status}`)).toEqual([
      "GET 503",
      "GET 200",
      "PATCH 500",
      "PATCH 200",
    ]);
    expect(await stored(id)).toMatchObject({ limit: 20 });
  });
});
