/**
 * SecretKey: generated once, kept across runs (no change, no new key), new only when `rotation` or `bytes`
 * changes. That its `value` is a secret output is checked with the other classes (`resources.test.ts`).
 */
import { describe, expect, it } from "vitest";
import { secretKeyProvider } from "../../../providers/paasenv/secret-key-provider";

const declared = { rotation: "", providerVersion: "1", resourceName: "shop-metabase-encryption-key" };

async function created(news: Record<string, unknown> = declared) {
  const { inputs = {} } = await secretKeyProvider.check({}, news);
  const { id, outs = {} } = await secretKeyProvider.create(inputs);
  return { id, inputs, outs };
}

describe("SecretKey provider", () => {
  it("draws 32 random bytes as base64url, a different key each time", async () => {
    const first = await created();
    const second = await created();
    expect(first.outs.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.outs.value).not.toBe(first.outs.value);
    expect(first.outs).toMatchObject({ bytes: 32, rotation: "" });
  });

  it("keeps the key when nothing that makes it changed, even across a provider version bump", async () => {
    const { id, inputs, outs } = await created();
    expect(await secretKeyProvider.diff(id, outs, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const bumped = { ...inputs, providerVersion: "2" };
    expect((await secretKeyProvider.diff(id, outs, bumped)).replaces).toEqual([]);
    expect((await secretKeyProvider.update(id, outs, bumped)).outs?.value).toBe(outs.value);
    const read = await secretKeyProvider.read(id, outs);
    expect(read.props?.value).toBe(outs.value);
    // A refresh stores `inputs` as the resource's inputs, which no secret marking covers: never the key.
    expect(read.inputs).not.toHaveProperty("value");
    expect(read.inputs).toMatchObject({ bytes: 32, rotation: "" });
  });

  it("makes a new key only when rotation or bytes changes (a replacement, created before the old goes)", async () => {
    const { id, inputs, outs } = await created();
    expect(await secretKeyProvider.diff(id, outs, { ...inputs, rotation: "2026-11" })).toEqual({
      changes: true,
      replaces: ["rotation"],
      deleteBeforeReplace: false,
    });
    expect((await secretKeyProvider.diff(id, outs, { ...inputs, bytes: 48 })).replaces).toEqual(["bytes"]);
  });

  it("refuses a key too short or too long in check, naming the input", async () => {
    const { failures } = await secretKeyProvider.check({}, { ...declared, bytes: 8 });
    expect(failures).toHaveLength(1);
    expect(failures?.[0]?.property).toBe("bytes");
  });
});
