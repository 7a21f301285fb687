/** The data-loss permission: reading it, matching it, and the refusal people follow. Exact messages. */
import { describe, expect, it } from "vitest";
import {
  isPermitted,
  lossMessage,
  type Permits,
  parsePermits,
  permitLine,
  permitsOf,
  readPermits,
  refusal,
  unpermitted,
} from "../../../providers/base/data-loss";

const permits = (...entries: Permits["entries"]): Permits => ({ entries, problems: [] });

describe("reading the permission", () => {
  it("reads a list of entries, and nothing from an unset or blank source", () => {
    expect(parsePermits('[{"resource":"addons.redis","id":"ad-2"}]', "k")).toEqual(
      permits({ resource: "addons.redis", id: "ad-2" }),
    );
    expect(parsePermits(undefined, "k")).toEqual(permits());
    expect(parsePermits("  ", "k")).toEqual(permits());
  });

  it.each([
    ["not JSON", "yes"],
    ["not a list", '{"resource":"app","id":"ap-1"}'],
    ["an unknown resource", '[{"resource":"addons.mysql","id":"x"}]'],
    ["an empty ID", '[{"resource":"app","id":""}]'],
    ["an extra key", '[{"resource":"app","id":"ap-1","why":"x"}]'],
  ])("ignores a source holding %s, and says why", (_case, text) => {
    expect(parsePermits(text, "PAASENV_PERMIT_DATA_LOSS")).toEqual({
      entries: [],
      problems: [
        "PAASENV_PERMIT_DATA_LOSS was ignored: it must be a list of { resource, id } entries, resource one of " +
          `app, addons.postgresql, addons.redis, storage (got ${text})`,
      ],
    });
  });

  it("takes the stack config and the environment together", () => {
    const config: Record<string, string> = { "paasenv:permitDataLoss": '[{"resource":"app","id":"ap-1"}]' };
    const env = { PAASENV_PERMIT_DATA_LOSS: '[{"resource":"storage","id":"fr-par/b"}]' };
    expect(readPermits((key) => config[key], env)).toEqual(
      permits({ resource: "app", id: "ap-1" }, { resource: "storage", id: "fr-par/b" }),
    );
  });

  it("is empty on a provider that was never configured", () => {
    expect(permitsOf({})).toEqual(permits());
  });
});

describe("matching losses", () => {
  const addon = {
    resource: "addons.postgresql" as const,
    id: "ad-1",
    coveredBy: { resource: "app" as const, id: "ap-1" },
  };

  it("permits a loss named by its own entry or by the wider one covering it, by exact ID", () => {
    expect(isPermitted(permits({ resource: "app", id: "ap-1" }), "app", "ap-1")).toBe(true);
    expect(isPermitted(permits({ resource: "app", id: "ap-1" }), "app", "ap-2")).toBe(false);
    expect(unpermitted([addon], permits({ resource: "addons.postgresql", id: "ad-1" }))).toEqual([]);
    expect(unpermitted([addon], permits({ resource: "app", id: "ap-1" }))).toEqual([]);
    expect(unpermitted([addon], permits({ resource: "addons.redis", id: "ad-1" }))).toEqual([addon]);
    expect(unpermitted([addon], permits({ resource: "addons.postgresql", id: "ad-9" }))).toEqual([addon]);
  });

  it("writes an entry as the stack file takes it, the ID quoted", () => {
    expect(permitLine({ resource: "storage", id: "fr-par/shop-storage" })).toBe(
      '- { resource: storage, id: "fr-par/shop-storage" }',
    );
  });

  it("refuses with the statement, the entries to add and what to run next", () => {
    expect(lossMessage("X would go", [addon], permits(), "up")).toBe(
      "X would go. paasenv deletes or replaces data only when `paasenv:permitDataLoss` names it by its current " +
        "ID. Back the data up if you need it, then add to the stack's configuration file (Pulumi.<stack>.yaml, " +
        'under `config:`):\n  paasenv:permitDataLoss:\n    - { resource: addons.postgresql, id: "ad-1" }\n' +
        "and run the same command again.",
    );
  });

  it("says what to run for a delete, and which input was ignored", () => {
    const ignored = { entries: [], problems: ["PAASENV_PERMIT_DATA_LOSS was ignored: …"] };
    expect(refusal("Y", [{ resource: "app", id: "ap-1" }], ignored, "delete")).toBe(
      "Y. paasenv deletes or replaces data only when `paasenv:permitDataLoss` names it by its current ID " +
        "(PAASENV_PERMIT_DATA_LOSS was ignored: …). Back the data up if you need it, then add to the stack's " +
        'configuration file (Pulumi.<stack>.yaml, under `config:`):\n  paasenv:permitDataLoss:\n    - { resource: app, id: "ap-1" }\n' +
        "and run the same command again; for a destroy, run `pulumi destroy --run-program` (a plain `pulumi " +
        "destroy` reads the configuration saved by the last `pulumi up`, without these entries).",
    );
    expect(refusal("Y", [addon], permits({ resource: "app", id: "ap-1" }), "up")).toBeUndefined();
  });
});
