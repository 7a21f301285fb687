/** What `Formation` sends to `POST /scale`, and what it reads back. */
import { describe, expect, it } from "vitest";
import { declaredProcesses, formationChanges } from "../../../providers/scalingo/formation-mappers";
import type { ContainerSize } from "../../../providers/scalingo/limits";

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

describe("autoscaled types", () => {
  const autoscaled = { web: { min: 2, max: 4 } };
  const web = (amount: number, size = "M") => [{ name: "web", amount, size }];

  it.each([
    ["in bounds, same size: not named", web(3), "M", []],
    [
      "in bounds, another size: named with its current amount",
      web(3),
      "L",
      [{ name: "web", amount: 3, size: "L" }],
    ],
    ["below bounds: raised to min", web(1), "M", [{ name: "web", amount: 2, size: "M" }]],
    ["above bounds: lowered to max", web(7), "M", [{ name: "web", amount: 4, size: "M" }]],
    ["absent (never scaled): created at min", [], "M", [{ name: "web", amount: 2, size: "M" }]],
  ] as const)("%s", (_what, current, size: ContainerSize, expected) => {
    expect(formationChanges({}, { web: { amount: 2, size } }, current, autoscaled)).toEqual(expected);
  });

  it("reports the declared amount while the autoscaler keeps the type in bounds, the real one otherwise", () => {
    const declared = { web: { amount: 2, size: "M" as const } };
    expect(declaredProcesses(declared, web(4), autoscaled)).toEqual({ web: { amount: 2, size: "M" } });
    expect(declaredProcesses(declared, web(5, "L"), autoscaled)).toEqual({ web: { amount: 5, size: "L" } });
    expect(declaredProcesses(declared, web(4))).toEqual({ web: { amount: 4, size: "M" } });
  });
});
