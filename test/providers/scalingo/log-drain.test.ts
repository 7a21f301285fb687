/**
 * LogDrain against the emulator: drains of the app and of an add-on, keyed by the server-built URL, deleted by
 * `?url=`; the ID holds no token; an identical drain is taken over; a lost create is found by its URL.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { addonProvider } from "../../../providers/scalingo/addon-provider";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { logDrainProvider } from "../../../providers/scalingo/log-drain-provider";
import { api, appWithAddon, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
let addonId: string;
const TOKEN = "dd-token-0123456789";
const harness = useHarness([appProvider, addonProvider, logDrainProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  ({ appId, addonId } = await appWithAddon("shop-production", "postgresql", "postgresql-starter-512"));
});

const syslog = { type: "syslog", host: "logs.example.com", port: 6514 };
const datadog = { type: "datadog", token: TOKEN, drainRegion: "eu-west-2" };
const drain = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  ...params,
  resourceName: "shop-drain",
  __provider: "code",
  ...extra,
});
const urls = async (path = `/v1/apps/${appId}/log_drains`) =>
  ((await api(h, "GET", path)).drains as { url: string }[]).map((d) => d.url);

describe("LogDrain lifecycle against the emulator", () => {
  it("drains the app's logs to syslog, reads the drain back in one call, and deletes it by URL", async () => {
    const { id, outs, inputs } = await checkAndCreate(logDrainProvider, drain(syslog));
    expect(await urls()).toEqual(["syslog://logs.example.com:6514"]);
    expect(outs).toMatchObject({ drainUrl: "syslog://logs.example.com:6514", port: "6514" });
    expect(id).toMatch(new RegExp(`^${appId}/log-drains/[0-9a-f]{16}$`));
    await h.clearRequests();
    const read = await logDrainProvider.read(id, outs);
    expect(read).toEqual({ id, props: outs, inputs });
    expect(await logDrainProvider.diff(id, outs, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    await logDrainProvider.delete(id, outs);
    expect((await h.requests()).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `GET /v1/apps/${appId}/log_drains 200`,
      `DELETE /v1/apps/${appId}/log_drains 204`,
    ]);
    expect(await urls()).toEqual([]);
    expect(await logDrainProvider.read(id, outs)).toEqual({});
  });

  it("drains an add-on's logs to Datadog; the token is in the URL but not in the ID; a new token replaces it", async () => {
    const { id, outs, inputs } = await checkAndCreate(logDrainProvider, drain(datadog, { addonId }));
    expect(await urls(`/v1/apps/${appId}/addons/${addonId}/log_drains`)).toEqual([
      `datadog://${TOKEN}?region=eu-west-2`,
    ]);
    expect(await urls()).toEqual([]);
    expect(id).not.toContain(TOKEN);
    expect(id).toMatch(new RegExp(`^${appId}/addons/${addonId}/log-drains/`));
    expect(await logDrainProvider.diff(id, outs, { ...inputs, token: "another-token" })).toEqual({
      changes: true,
      replaces: ["token"],
      deleteBeforeReplace: true,
    });
  });

  it("takes over an identical drain only with adopt, and forgets one removed outside Pulumi", async () => {
    await api(h, "POST", `/v1/apps/${appId}/log_drains`, {
      drain: { type: "syslog", host: "logs.example.com", port: "6514" },
    });
    const refused = await rejection(checkAndCreate(logDrainProvider, drain(syslog)));
    expect(refused.message).toBe(
      `create syslog log drain of app ${appId}: the app already drains its logs there. To manage that drain with ` +
        "paasenv, set `adopt: true` on this resource (or `pulumi config set scalingo:adoptExisting true`) and run " +
        "`pulumi up` again.",
    );
    await h.clearRequests();
    const { id, outs } = await checkAndCreate(logDrainProvider, drain(syslog, { adopt: true }));
    expect(await h.writes()).toEqual([]);
    expect(await urls()).toEqual(["syslog://logs.example.com:6514"]);
    await api(h, "DELETE", `/v1/apps/${appId}/log_drains?url=${encodeURIComponent(String(outs.drainUrl))}`);
    expect(await logDrainProvider.read(id, outs)).toEqual({});
  });
});

describe("LogDrain under faults", () => {
  it("finds the drain after a create whose answer was lost, through 429 and 503 on the list", async () => {
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/log_drains`, drop: true, when: "after" });
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/log_drains`, status: 429, times: 1 });
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/log_drains`, status: 503, times: 1 });
    const { outs } = await checkAndCreate(logDrainProvider, drain(syslog));
    expect(outs.drainUrl).toBe("syslog://logs.example.com:6514");
    expect(await urls()).toEqual(["syslog://logs.example.com:6514"]);
    const posts = (await h.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/log_drains"));
    expect(posts.map((r) => r.status)).toEqual([0]);
  });
});
