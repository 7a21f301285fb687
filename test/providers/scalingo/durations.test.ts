import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGoDuration, parseGoDuration } from "../../../providers/scalingo/durations";

describe("Go durations", () => {
  it.each([
    ["1h", 3600e9],
    ["5m30s", 330e9],
    ["1h0m0s", 3600e9],
    ["1.5h", 5400e9],
    ["250ms", 250e6],
    ["0", 0],
    ["0s", 0],
    ["", undefined],
    ["5 m", undefined],
    ["1d", undefined],
    ["m5", undefined],
  ])("parses %j as %j ns", (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each([
    [0, "0s"],
    [45e9, "45s"],
    [120e9, "2m0s"],
    [330e9, "5m30s"],
    [3600e9, "1h0m0s"],
    [5400e9, "1h30m0s"],
  ])("writes %d ns as Go does: %j", (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it("reads back what it writes, for whole seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 86_400 }), (seconds) => {
        expect(parseGoDuration(formatGoDuration(seconds * 1e9))).toBe(seconds * 1e9);
      }),
    );
  });
});
