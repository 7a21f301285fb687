/**
 * Collaborator against the emulator: an invitation sent once (an existing one is taken over), read by listing
 * (no GET by ID), the role changed in place, a lost invitation found by address.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { collaboratorProvider } from "../../../providers/scalingo/collaborator-provider";
import { api, checkAndCreate, type Harness, rejection, useHarness } from "./harness";

let appId: string;
const harness = useHarness([appProvider, collaboratorProvider]);
let h: Harness;

beforeEach(async () => {
  h = harness();
  appId = (await appProvider.create({ name: "shop-production", region: "osc-fr1" })).id;
});

const collaborator = (extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  email: "dev@example.com",
  resourceName: "shop-collaborator-dev",
  __provider: "code",
  ...extra,
});
const stored = async () =>
  (
    (await api(h, "GET", `/v1/apps/${appId}/collaborators`)).collaborators as {
      id: string;
      email: string;
      is_limited: boolean;
    }[]
  ).map((c) => `${c.email}${c.is_limited ? " (limited)" : ""}`);

describe("Collaborator lifecycle against the emulator", () => {
  it("invites once, reads by listing, changes the role in place, and removes the collaborator", async () => {
    const { id, outs, inputs } = await checkAndCreate(collaboratorProvider, collaborator());
    expect(await stored()).toEqual(["dev@example.com"]);
    await h.clearRequests();
    const read = await collaboratorProvider.read(id, outs);
    expect(read).toEqual({ id, props: outs, inputs });
    expect((await h.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/apps/${appId}/collaborators`,
    ]);
    const updated = await collaboratorProvider.update(id, outs, { ...inputs, limited: true });
    expect(await stored()).toEqual(["dev@example.com (limited)"]);
    expect(
      (await collaboratorProvider.diff(id, outs, { ...inputs, email: "ops@example.com" })).replaces,
    ).toEqual(["email"]);
    // A case change is the same collaborator: replacing it would take it over, then delete it.
    expect(await collaboratorProvider.diff(id, outs, { ...inputs, email: "Dev@Example.com" })).toEqual({
      changes: false,
      replaces: [],
    });
    await collaboratorProvider.delete(id, updated.outs ?? {});
    expect(await stored()).toEqual([]);
    expect(await collaboratorProvider.read(id, outs)).toEqual({});
  });

  it("takes over an invitation already sent instead of inviting twice, and shows a role changed elsewhere", async () => {
    await api(h, "POST", `/v1/apps/${appId}/collaborators`, {
      collaborator: { email: "Dev@Example.com", is_limited: false },
    });
    await h.clearRequests();
    const { id, outs, inputs } = await checkAndCreate(collaboratorProvider, collaborator());
    expect(await h.writes()).toEqual([]);
    await api(h, "PATCH", `/v1/apps/${appId}/collaborators/${id}`, { collaborator: { is_limited: true } });
    const read = await collaboratorProvider.read(id, outs);
    expect(read.props).toMatchObject({ email: "dev@example.com", limited: true });
    expect((await collaboratorProvider.diff(id, read.props ?? {}, inputs)).changes).toBe(true);
  });

  it("reports the API's refusal (the owner cannot be a collaborator)", async () => {
    const error = await rejection(
      checkAndCreate(collaboratorProvider, collaborator({ email: "emulator@example.com" })),
    );
    expect(error.message).toBe(
      `create collaborator emulator@example.com of app ${appId}: POST /v1/apps/${appId}/collaborators failed: 422 (email: is the owner of the app)`,
    );
  });
});

describe("Collaborator under faults", () => {
  it("finds the invitation after a lost answer and does not send it again", async () => {
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/collaborators`, drop: true, when: "after" });
    await h.fault({ method: "GET", path: `/v1/apps/${appId}/collaborators`, status: 503, times: 1 });
    await checkAndCreate(collaboratorProvider, collaborator());
    expect(await stored()).toEqual(["dev@example.com"]);
    const posts = (await h.requests()).filter(
      (r) => r.method === "POST" && r.path.endsWith("/collaborators"),
    );
    expect(posts.map((r) => r.status)).toEqual([0]);
  });

  it("retries an invitation refused by 429", async () => {
    await h.fault({ method: "POST", path: `/v1/apps/${appId}/collaborators`, status: 429, times: 1 });
    await checkAndCreate(collaboratorProvider, collaborator());
    const posts = (await h.requests()).filter(
      (r) => r.method === "POST" && r.path.endsWith("/collaborators"),
    );
    expect(posts.map((r) => r.status)).toEqual([429, 201]);
    expect(await stored()).toEqual(["dev@example.com"]);
  });
});
