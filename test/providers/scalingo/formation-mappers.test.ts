/** What `Formation` sends to `POST /scale`, and what it reads back. */
import { describe, expect, it } from "vitest";
import { declaredProcesses, formationChanges } from "../../../providers/scalingo/formation-mappers";

describe("formationChanges", () => {
  it("scales what differs, scales removed types to 0, and nothing when all matches", () => {
    const current = [
      { name: "web", amount: 1, size: "M" },
      { name: "worker", amount: 2, size: "S" },
    ];
    expect(
      formationChanges({ web: { amount: 1, size: "M" } }, { web: { amount: 1, size: "M" } }, current),
    ).toEqual([]);
    expect(
      formationChanges(
        { web: { amount: 1, size: "M" }, worker: { amount: 2, size: "S" } },
        { web: { amount: 2, size: "M" } },
        current,
      ),
    ).toEqual([
      { name: "web", amount: 2, size: "M" },
      { name: "worker", amount: 0, size: "S" },
    ]);
  });
});

describe("declaredProcesses", () => {
  it("reads back the declared types that exist remotely", () => {
    const current = [
      { name: "web", amount: 3, size: "L" },
      { name: "clock", amount: 1, size: "S" },
    ];
    const declared = { web: { amount: 1, size: "M" as const }, worker: { amount: 1, size: "S" as const } };
    expect(declaredProcesses(declared, current)).toEqual({ web: { amount: 3, size: "L" } });
  });

  it("scales a removed type to 0 at its previous size when the API does not list it", () => {
    expect(formationChanges({ worker: { amount: 1, size: "L" } }, {}, [])).toEqual([]);
    expect(
      formationChanges({ worker: { amount: 1, size: "L" } }, {}, [{ name: "worker", amount: 2, size: "XL" }]),
    ).toEqual([{ name: "worker", amount: 0, size: "XL" }]);
  });
});
