/** What `Variables` sends: a table, and a property over any remote state. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  declaredVariables,
  variablesOutputs,
  variablesPlan,
} from "../../../providers/scalingo/variables-mappers";

describe("variablesPlan", () => {
  const remote = (vars: Record<string, string>) =>
    Object.entries(vars).map(([name, value]) => ({ id: `id-${name}`, name, value }));

  it("upserts only what differs and deletes only keys it used to manage", () => {
    const plan = variablesPlan(
      { A: "1", OLD: "x" },
      { A: "1", B: "2" },
      remote({ A: "1", OLD: "x", DATABASE_URL: "$X" }),
    );
    expect(plan).toEqual({
      upsert: [{ name: "B", value: "2" }],
      remove: [{ id: "id-OLD", name: "OLD", value: "x" }],
    });
  });

  const names = fc.constantFrom("A", "B", "C", "DATABASE_URL", "HAND");
  const vars = fc.dictionary(names, fc.string({ maxLength: 3 }));

  it("applied to any remote state, yields the wanted keys and leaves unmanaged keys alone", () => {
    fc.assert(
      fc.property(vars, vars, vars, (previous, wanted, current) => {
        const plan = variablesPlan(previous, wanted, remote(current));
        const after = new Map(Object.entries(current));
        for (const v of plan.remove) after.delete(v.name);
        for (const v of plan.upsert) after.set(v.name, v.value);
        for (const [name, value] of Object.entries(wanted)) expect(after.get(name)).toBe(value);
        for (const [name, value] of Object.entries(current)) {
          if (!(name in previous) && !(name in wanted)) expect(after.get(name)).toBe(value);
        }
      }),
    );
  });
});

describe("declared variables and outputs", () => {
  const remote = [
    { id: "1", name: "A", value: "1" },
    { id: "2", name: "HAND", value: "x" },
  ];

  it("reads back only declared keys that still exist", () => {
    expect(declaredVariables({ A: "0", GONE: "2" }, remote)).toEqual({ A: "1" });
  });

  it("lists the managed names, sorted", () => {
    const inputs = { appId: "ap-1", region: "osc-fr1", providerVersion: "1", restartOnChange: false };
    expect(variablesOutputs({ ...inputs, variables: { B: "2", A: "1" } }).names).toEqual(["A", "B"]);
  });
});
