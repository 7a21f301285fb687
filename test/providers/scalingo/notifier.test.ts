/**
 * Notifier against the emulator: events by name resolved through `GET /v1/event_types`, e-mail and webhook
 * notifiers, drift, a lost create found by name, and the refresh budget (one read).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { notifierProvider } from "../../../providers/scalingo/notifier-provider";
import { api, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
const HOOK = "https://hooks.slack.example/services/T000/B000/secret-part";
const harness = useHarness([appProvider, notifierProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  appId = (await appProvider.create({ name: "shop-production", region: "osc-fr1" })).id;
});

const email = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  name: "ops",
  platform: "email",
  emails: ["ops@example.com"],
  events: ["crash", "database_backup_failed"],
  resourceName: "shop-notifier-ops",
  __provider: "code",
  ...extra,
});
type StoredNotifier = {
  id: string;
  name: string;
  selected_event_ids: string[];
  type_data: Record<string, unknown>;
  active: boolean;
};
const stored = async (id: string) =>
  (await api(h, "GET", `/v1/apps/${appId}/notifiers/${id}`)).notifier as StoredNotifier;
const typeIds = async (...names: string[]) => {
  const types = (await api(h, "GET", "/v1/event_types")).event_types as { id: string; name: string }[];
  return names.map((n) => types.find((t) => t.name === n)?.id);
};

describe("Notifier check", () => {
  it("wants addresses for e-mail and a URL for webhooks", async () => {
    const noMail = await notifierProvider.check({}, email({ emails: [] }));
    expect(noMail.failures?.map((f) => f.reason)).toEqual([
      'Notifier "shop-notifier-ops": `emails` must list at least one address for an email notifier',
    ]);
    const noUrl = await notifierProvider.check({}, email({ platform: "slack", emails: undefined }));
    expect(noUrl.failures?.map((f) => f.reason)).toEqual([
      'Notifier "shop-notifier-ops": `webhookUrl` is required for a slack or webhook notifier',
    ]);
  });
});

describe("Notifier lifecycle against the emulator", () => {
  it("creates an e-mail notifier with events chosen by name, then reads it back in one call", async () => {
    const { id, outs, inputs } = await checkAndCreate(notifierProvider, email());
    const notifier = await stored(id);
    expect(notifier.selected_event_ids).toEqual(await typeIds("crash", "database_backup_failed"));
    expect(notifier.type_data).toEqual({ emails: ["ops@example.com"] });
    expect(outs).toMatchObject({
      notifierId: id,
      eventIds: notifier.selected_event_ids,
      sendAllAlerts: true,
    });
    await h.clearRequests();
    const read = await notifierProvider.read(id, outs);
    expect(read.props).toEqual(outs);
    expect(await notifierProvider.diff(id, read.props ?? {}, inputs)).toEqual({
      changes: false,
      replaces: [],
    });
    expect((await h.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/apps/${appId}/notifiers/${id}`,
    ]);
  });

  it("names an unknown event with the known ones", async () => {
    const error = await rejection(checkAndCreate(notifierProvider, email({ events: ["deployed"] })));
    expect(error.message).toMatch(
      new RegExp(
        `^create notifier "ops" of app ${appId}: \`events\` has unknown event type\\(s\\) deployed; known: deployment, restart, `,
      ),
    );
  });

  it("sees events changed outside Pulumi, by name, and puts them back; a webhook URL is updated in place", async () => {
    const { id, outs, inputs } = await checkAndCreate(notifierProvider, email());
    await api(h, "PATCH", `/v1/apps/${appId}/notifiers/${id}`, {
      notifier: { selected_event_ids: await typeIds("deployment") },
    });
    const read = await notifierProvider.read(id, outs);
    expect(read.props).toMatchObject({ events: ["deployment"] });
    expect((await notifierProvider.diff(id, read.props ?? {}, inputs)).changes).toBe(true);
    await notifierProvider.update(id, read.props ?? {}, inputs);
    expect((await stored(id)).selected_event_ids).toEqual(await typeIds("crash", "database_backup_failed"));

    const slack = await checkAndCreate(
      notifierProvider,
      email({ name: "team", platform: "slack", emails: undefined, webhookUrl: HOOK }),
    );
    expect((await stored(slack.id)).type_data).toEqual({ webhook_url: HOOK });
    const next = `${HOOK}-2`;
    expect(await notifierProvider.diff(slack.id, slack.outs, { ...slack.inputs, webhookUrl: next })).toEqual({
      changes: true,
      replaces: [],
    });
    await notifierProvider.update(slack.id, slack.outs, { ...slack.inputs, webhookUrl: next });
    expect((await stored(slack.id)).type_data).toEqual({ webhook_url: next });
    expect(
      (await notifierProvider.diff(slack.id, slack.outs, { ...slack.inputs, platform: "webhook" })).replaces,
    ).toEqual(["platform"]);
    await notifierProvider.delete(slack.id, slack.outs);
    expect(await notifierProvider.read(slack.id, slack.outs)).toEqual({});
  });
});

describe("Notifier under faults", () => {
  it("finds the notifier by name after a create whose answer was lost; refuses another of that name", async () => {
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/notifiers`, drop: true, when: "after" });
    await h.fault({ method: "GET", path: "/v1/event_types", status: 503, times: 1 });
    const { id } = await checkAndCreate(notifierProvider, email());
    const notifiers = (await api(h, "GET", `/v1/apps/${appId}/notifiers`)).notifiers as { id: string }[];
    expect(notifiers.map((n) => n.id)).toEqual([id]);
    const error = await rejection(checkAndCreate(notifierProvider, email()));
    expect(error.message).toContain(`the app already has a notifier named "ops" (${id})`);
    expect((await checkAndCreate(notifierProvider, email({ adopt: true, active: false }))).id).toBe(id);
    expect((await stored(id)).active).toBe(false);
  });

  it("retries a create refused by 429 (nothing was applied) and a read through 502", async () => {
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/notifiers`, status: 429, times: 2 });
    const { id, outs } = await checkAndCreate(notifierProvider, email());
    const posts = (await h.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/notifiers"));
    expect(posts.map((r) => r.status)).toEqual([429, 429, 201]);
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/notifiers/${id}`, status: 502, times: 1 });
    expect((await notifierProvider.read(id, outs)).id).toBe(id);
  });
});
