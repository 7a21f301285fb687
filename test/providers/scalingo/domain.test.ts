import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../providers/base/inputs";
import { appProvider } from "../../../providers/scalingo/app-provider";
import { domainProvider } from "../../../providers/scalingo/domain-provider";
import { TEST_CERT, TEST_KEY } from "../../emulator/scalingo/fixtures";
import { appsOf, checkAndCreate, type Harness, rejection, startHarness } from "./harness";

let h: Harness;
let appId: string;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.reset();
  await h.configure([appProvider, domainProvider]);
  appId = (await appProvider.create({ name: "shop-staging", region: "osc-fr1" })).id;
});

const declared = (name: string, extra: Record<string, unknown> = {}) => ({
  appId,
  region: "osc-fr1",
  name,
  resourceName: name,
  __provider: "code",
  ...extra,
});

const createDomain = (news: Record<string, unknown>) => checkAndCreate(domainProvider, news);

const domains = async () =>
  Object.fromEntries(
    ((await appsOf(h))["shop-staging"]?.domains ?? []).map((d) => [
      d.name,
      `${d.canonical ? "canonical" : "-"}/${d.letsencrypt_enabled ? "le" : "no-le"}`,
    ]),
  );
const calls = async () => (await h.writes()).map((r) => `${r.method} ${r.path}`);

describe("Domain check and diff", () => {
  it("requires the key with the certificate", async () => {
    const { failures } = await domainProvider.check({}, declared("www.example.com", { tlsCert: TEST_CERT }));
    expect(failures).toEqual([
      {
        property: "tlsKey",
        reason:
          'Domain "www.example.com": `tlsKey` must be set together with `tlsCert` (set both or neither)',
      },
    ]);
  });

  it("replaces on a name change and updates canonical in place", async () => {
    const { inputs } = await domainProvider.check({}, declared("www.example.com"));
    const olds = { ...inputs, domainId: "d-1", __provider: "old" };
    expect(await domainProvider.diff("d-1", olds, { ...inputs, name: "shop.example.com" })).toEqual({
      changes: true,
      replaces: ["name"],
    });
    expect(await domainProvider.diff("d-1", olds, { ...inputs, canonical: true })).toEqual({
      changes: true,
      replaces: [],
    });
    // Preview of an App update: its ID is unknown, the region is not, so this is the same app.
    expect(await domainProvider.diff("d-1", olds, { ...inputs, appId: UNKNOWN })).toEqual({
      changes: true,
      replaces: [],
    });
  });
});

describe("Domain lifecycle against the emulator", () => {
  it("creates with Let's Encrypt on by default, reads without writing, and deletes", async () => {
    const { id, outs, inputs } = await createDomain(declared("www.example.com"));
    expect(outs).toMatchObject({
      domainId: id,
      cnameTarget: "shop-staging.osc-fr1.scalingo.io.",
      letsEncrypt: true,
      canonical: false,
      sslStatus: "pending",
    });
    expect(await domains()).toEqual({ "www.example.com": "-/le" });

    await h.clearRequests();
    const read = await domainProvider.read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect(await domainProvider.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false, replaces: [] });
    expect(await calls()).toEqual([]);

    // A later run (a destroy): this run's objects are forgotten, so nothing holds back the delete.
    await h.configure([appProvider, domainProvider]);
    await domainProvider.delete(id, outs);
    expect(await domains()).toEqual({});
    await domainProvider.delete(id, outs);
    expect(await domainProvider.read(id, outs)).toEqual({});
  });

  it("moves the canonical flag without ever leaving two canonical domains", async () => {
    const www = await createDomain(declared("www.example.com", { canonical: true }));
    const shop = await createDomain(declared("shop.example.com"));
    await h.clearRequests();
    await domainProvider.update(shop.id, shop.outs, { ...shop.inputs, canonical: true });
    expect(await calls()).toEqual([
      `PATCH /v1/apps/${appId}/domains/${www.id}`,
      `PATCH /v1/apps/${appId}/domains/${shop.id}`,
    ]);
    expect(await domains()).toEqual({ "www.example.com": "-/le", "shop.example.com": "canonical/le" });
    const read = await domainProvider.read(www.id, www.outs);
    expect(read.inputs?.canonical).toBe(false);

    await createDomain(declared("api.example.com", { canonical: true }));
    expect(await domains()).toEqual({
      "www.example.com": "-/le",
      "shop.example.com": "-/le",
      "api.example.com": "canonical/le",
    });
  });

  it("sets and removes a custom certificate", async () => {
    const { id, outs, inputs } = await createDomain(declared("www.example.com", { letsEncrypt: false }));
    const withCert = { ...inputs, tlsCert: TEST_CERT, tlsKey: TEST_KEY };
    const updated = await domainProvider.update(id, outs, withCert);
    expect(updated.outs?.sslStatus).toBe("success");
    await h.clearRequests();
    const removed = await domainProvider.update(id, updated.outs ?? {}, inputs);
    expect(await calls()).toEqual([`PATCH /v1/apps/${appId}/domains/${id}`]);
    expect(removed.outs?.tlsCert).toBeUndefined();
  });

  it("reports Scalingo's 422 with the operation, method, path and message", async () => {
    const { id, outs, inputs } = await createDomain(declared("www.example.com"));
    const error = await rejection(
      domainProvider.update(id, outs, { ...inputs, tlsCert: "not a cert", tlsKey: TEST_KEY }),
    );
    expect(error.message).toBe(
      `update domain "www.example.com" of app ${appId}: PATCH /v1/apps/${appId}/domains/${id} failed: 422 ` +
        "(tlscert: is not a valid PEM certificate)",
    );
    expect(error.status).toBe(422);
  });

  it("reports a missing app as a 404 naming the resource", async () => {
    const error = await rejection(
      createDomain({ ...declared("www.example.com"), appId: "ap-does-not-exist" }),
    );
    expect(error.message).toBe(
      'create domain "www.example.com" of app ap-does-not-exist: GET /v1/apps/ap-does-not-exist/domains ' +
        "failed: 404 (app not found)",
    );
  });

  it("refuses an existing domain unless adopting, then converges it", async () => {
    const first = await createDomain(declared("www.example.com"));
    const error = await rejection(createDomain(declared("www.example.com", { canonical: true })));
    expect(error.message).toContain('the app already has the domain "www.example.com"');
    expect(error.message).toContain("`adopt: true`");
    const adopted = await createDomain(declared("www.example.com", { canonical: true, adopt: true }));
    expect(adopted.id).toBe(first.id);
    expect(await domains()).toEqual({ "www.example.com": "canonical/le" });
  });

  it("picks up a domain changed or deleted outside Pulumi", async () => {
    const { id, outs } = await createDomain(declared("www.example.com"));
    await h.drift({
      app: "shop-staging",
      kind: "domain",
      key: "www.example.com",
      set: { letsencrypt_enabled: false },
    });
    expect((await domainProvider.read(id, outs)).inputs?.letsEncrypt).toBe(false);
    await h.drift({ app: "shop-staging", kind: "domain", key: "www.example.com", delete: true });
    h.nextRun(); // One refresh reads the domain once: the next one sees the deletion.
    expect(await domainProvider.read(id, outs)).toEqual({});
  });
});
