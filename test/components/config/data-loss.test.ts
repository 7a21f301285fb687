/** `paasenv:permitDataLoss` in the stack config: the retired boolean's migration and the warning. Exact messages. */
import { describe, expect, it } from "vitest";
import { permitWarning, retiredKeyProblem } from "../../../components/config/data-loss";
import { parseStackConfig } from "../../../components/config/schema";

describe("the retired paasenv:allowDataLoss", () => {
  it("says exactly what to write instead", () => {
    expect(retiredKeyProblem({ allowDataLoss: true })).toBe(
      "`paasenv:allowDataLoss` is no longer a setting (got true): remove it (`pulumi config rm " +
        "paasenv:allowDataLoss`). paasenv now refuses every deletion or replacement of data unless " +
        "`paasenv:permitDataLoss` names the resource by its current ID, and its refusal prints the entry to add " +
        "under `config:` in Pulumi.<stack>.yaml, for example:\n  paasenv:permitDataLoss:\n" +
        '    - { resource: addons.postgresql, id: "<the add-on\'s current ID>" }',
    );
    expect(retiredKeyProblem({ environment: "staging" })).toBeUndefined();
  });

  it("is reported once, beside the other problems, not as an unknown key", () => {
    expect(() => parseStackConfig({ environment: "prod", allowDataLoss: false })).toThrow(
      /^Invalid stack configuration:\n {2}- `paasenv:allowDataLoss` is no longer a setting \(got false\)[\s\S]*\n {2}- `paasenv:environment` must be one of/,
    );
  });
});

describe("paasenv:permitDataLoss", () => {
  it("defaults to no permission and keeps the entries as written", () => {
    const base = { environment: "staging", app: { name: "myapp-staging" } };
    expect(parseStackConfig(base).permitDataLoss).toEqual([]);
    const entries = [{ resource: "storage", id: "fr-par/myapp-staging-storage" }];
    expect(parseStackConfig({ ...base, permitDataLoss: entries }).permitDataLoss).toEqual(entries);
  });

  it("is said plainly in every preview and up while it has entries", () => {
    expect(
      permitWarning([
        { resource: "addons.redis", id: "ad-2" },
        { resource: "app", id: "ap-1" },
      ]),
    ).toBe(
      '`paasenv:permitDataLoss` lets this run delete or replace, with their data: addons.redis "ad-2", app ' +
        '"ap-1". Remove the entries once the change is done (an entry stops applying once its object is gone).',
    );
    expect(permitWarning([])).toBeUndefined();
  });
});
