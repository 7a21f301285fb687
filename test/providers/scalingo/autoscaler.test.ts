/**
 * Autoscaler against the emulator, and with Formation: the formation only keeps an autoscaled type within
 * bounds and sets its size, re-enables the autoscaler its scale call disabled, and the two settle in one run
 * and make no call on the next.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { autoscalerProvider } from "../../../providers/scalingo/autoscaler-provider";
import { formationProvider } from "../../../providers/scalingo/formation-provider";
import type { ScalingoProvider } from "../../../providers/scalingo/settings";
import { api, appsOf, type Created, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
const harness = useHarness([appProvider, formationProvider, autoscalerProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  appId = (await appProvider.create({ name: "shop-production", region: "osc-fr1" })).id;
});

const BOUNDS = { min: 2, max: 4 };
const formation = (size = "M") => ({
  appId,
  region: "osc-fr1",
  processes: { web: { amount: BOUNDS.min, size }, worker: { amount: 1, size: "M" } },
  autoscaled: { web: BOUNDS },
  resourceName: "shop-formation",
  __provider: "code",
});
const autoscaler = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  containerType: "web",
  minContainers: BOUNDS.min,
  maxContainers: BOUNDS.max,
  metric: "rpm_per_container",
  target: 600,
  resourceName: "shop-autoscaler-web",
  __provider: "code",
  ...extra,
});

const web = async () => (await appsOf(h))["shop-production"]?.containers.find((c) => c.name === "web");
const enabled = async () =>
  ((await api(h, "GET", `/v1/apps/${appId}/autoscalers`)).autoscalers as { disabled: boolean }[]).map(
    (a) => !a.disabled,
  );

type Declared = [ScalingoProvider, Created][];

/** `pulumi refresh`: read each resource into its stored outputs; returns whether any differs from its inputs. */
async function refresh(resources: Declared): Promise<boolean> {
  let drift = false;
  for (const [provider, made] of resources) {
    made.outs = (await provider.read(made.id, made.outs)).props ?? {};
    drift = (await provider.diff(made.id, made.outs, made.inputs)).changes || drift;
  }
  return drift;
}

/** `pulumi up` (no refresh), in the engine's order: update what differs from its stored outputs. */
async function up(resources: Declared): Promise<boolean> {
  let changed = false;
  for (const [provider, made] of resources) {
    if (!(await provider.diff(made.id, made.outs, made.inputs)).changes) continue;
    changed = true;
    made.outs = (await provider.update(made.id, made.outs, made.inputs)).outs ?? {};
  }
  return changed;
}

describe("Autoscaler check", () => {
  it("holds Scalingo's minimum of 2 and max ≥ min", async () => {
    const low = await autoscalerProvider.check({}, autoscaler({ minContainers: 1 }));
    expect(low.failures?.map((f) => f.reason)).toEqual([
      'Autoscaler "shop-autoscaler-web": `minContainers` must be at least 2 (Scalingo\'s minimum)',
    ]);
    const inverted = await autoscalerProvider.check({}, autoscaler({ minContainers: 5, maxContainers: 3 }));
    expect(inverted.failures?.map((f) => f.reason)).toEqual([
      'Autoscaler "shop-autoscaler-web": `maxContainers` must be at least `minContainers`',
    ]);
  });
});

describe("Autoscaler with Formation", () => {
  it("settles in one run (formation, then autoscaler) and makes no call on the next", async () => {
    await h.clearRequests();
    const f = await checkAndCreate(formationProvider, formation());
    const a = await checkAndCreate(autoscalerProvider, autoscaler());
    expect(await web()).toMatchObject({ amount: 2, size: "M" });
    expect(await enabled()).toEqual([true]);
    expect((await h.writes()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v1/apps/${appId}/scale`,
      `POST /v1/apps/${appId}/autoscalers`,
    ]);
    const both: Declared = [
      [formationProvider, f],
      [autoscalerProvider, a],
    ];
    await h.clearRequests();
    expect(await refresh(both)).toBe(false);
    expect(await up(both)).toBe(false);
    expect(await h.writes()).toEqual([]);
  });

  it("leaves the amount the autoscaler chose within bounds, and changes a size without leaving it disabled", async () => {
    const f = await checkAndCreate(formationProvider, formation());
    const a = await checkAndCreate(autoscalerProvider, autoscaler());
    const both: Declared = [
      [formationProvider, f],
      [autoscalerProvider, a],
    ];
    await h.drift({ app: "shop-production", kind: "formation", key: "web", set: { amount: 3 } });
    expect(await refresh(both)).toBe(false);

    // A size change in `up`: the Autoscaler has no change of its own, so the Formation must re-enable it.
    await h.clearRequests();
    f.inputs = { ...f.inputs, processes: { ...formation("L").processes } };
    expect(await up(both)).toBe(true);
    expect(await web()).toMatchObject({ amount: 3, size: "L" });
    expect(await enabled()).toEqual([true]);
    expect((await h.writes()).map((r) => `${r.method} ${r.path.replace(/au-.*/, "au-…")}`)).toEqual([
      `POST /v1/apps/${appId}/scale`,
      `PATCH /v1/apps/${appId}/autoscalers/au-…`,
    ]);
    await h.clearRequests();
    expect(await refresh(both)).toBe(false);
    expect(await up(both)).toBe(false);
    expect(await h.writes()).toEqual([]);
  });

  it("repairs a manual scale (out of bounds, autoscaler disabled) in one run", async () => {
    const f = await checkAndCreate(formationProvider, formation());
    const a = await checkAndCreate(autoscalerProvider, autoscaler());
    const both: Declared = [
      [formationProvider, f],
      [autoscalerProvider, a],
    ];
    await api(h, "POST", `/v1/apps/${appId}/scale`, { containers: [{ name: "web", amount: 7 }] });
    expect(await enabled()).toEqual([false]);
    expect(await refresh(both)).toBe(true);
    expect(await up(both)).toBe(true);
    expect(await web()).toMatchObject({ amount: 4 });
    expect(await enabled()).toEqual([true]);
    await h.clearRequests();
    expect(await refresh(both)).toBe(false);
    expect(await up(both)).toBe(false);
    expect(await h.writes()).toEqual([]);
  });
});

describe("Autoscaler lifecycle and faults", () => {
  it("updates in place with a flat PATCH of what changed, and deletes", async () => {
    await checkAndCreate(formationProvider, formation());
    const a = await checkAndCreate(autoscalerProvider, autoscaler());
    await h.clearRequests();
    const updated = await autoscalerProvider.update(a.id, a.outs, {
      ...a.inputs,
      maxContainers: 6,
      target: 400,
    });
    expect(updated.outs).toMatchObject({ maxContainers: 6, target: 400, autoscalerId: a.id });
    const stored = (await api(h, "GET", `/v1/apps/${appId}/autoscalers/${a.id}`)).autoscaler;
    expect(stored).toMatchObject({ max_containers: 6, target: 400 });
    await autoscalerProvider.delete(a.id, updated.outs ?? {});
    expect(await autoscalerProvider.read(a.id, updated.outs ?? {})).toEqual({});
  });

  it("finds the autoscaler after a create whose answer was lost, and refuses another's without adopt", async () => {
    await checkAndCreate(formationProvider, formation());
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/autoscalers`, drop: true, when: "after" });
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/autoscalers`, status: 429, times: 1 });
    const a = await checkAndCreate(autoscalerProvider, autoscaler());
    const posts = (await h.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/autoscalers"));
    expect(posts.map((r) => r.status)).toEqual([0]);
    expect(await enabled()).toEqual([true]);
    const error = await rejection(checkAndCreate(autoscalerProvider, autoscaler()));
    expect(error.message).toBe(
      `create autoscaler of web of app ${appId}: the app already has an autoscaler for web (${a.id}). To manage ` +
        "it with paasenv, set `adopt: true` on this resource (or `pulumi config set scalingo:adoptExisting true`) " +
        "and run `pulumi up` again.",
    );
    expect((await checkAndCreate(autoscalerProvider, autoscaler({ adopt: true, target: 500 }))).id).toBe(
      a.id,
    );
  });

  it("retries a read through 503 and an update refused by 429", async () => {
    await checkAndCreate(formationProvider, formation());
    const a = await checkAndCreate(autoscalerProvider, autoscaler());
    await h.clearRequests();
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/autoscalers/${a.id}`, status: 503, times: 2 });
    await h.fault({ method: "PATCH", path: `/v1/apps/${appId}/autoscalers/${a.id}`, status: 429, times: 1 });
    await autoscalerProvider.update(a.id, a.outs, { ...a.inputs, maxContainers: 5 });
    const calls = (await h.requests()).map((r) => `${r.method} ${r.status}`);
    expect(calls).toEqual(["GET 503", "GET 503", "GET 200", "PATCH 429", "PATCH 200"]);
  });
});
