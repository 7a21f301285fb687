/** What a change of a guard's records loses, and what destroying the environment loses: tables. */
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../providers/base/inputs";
import {
  changeLosses,
  changeStatement,
  destroyLosses,
  destroyStatement,
  objectWords,
  recordedIds,
  wordList,
} from "../../../providers/paasenv/guard-mappers";

const recorded = {
  held: ["app", "addons.postgresql", "addons.redis", "storage"],
  ids: { app: "ap-1", "addons.postgresql": "ad-1", "addons.redis": "ad-2", storage: "fr-par/shop-storage" },
};
const coveredByApp = { coveredBy: { resource: "app", id: "ap-1" } };

describe("changeLosses", () => {
  it("loses an object whose key the configuration no longer declares, even with IDs unknown", () => {
    const news = {
      held: ["app", "addons.postgresql", "storage"],
      ids: { app: UNKNOWN, "addons.postgresql": UNKNOWN },
    };
    expect(changeLosses(recorded, news)).toEqual({
      removed: [
        { loss: { resource: "addons.redis", id: "ad-2", ...coveredByApp }, object: "the redis add-on ad-2" },
      ],
      replaced: [],
    });
  });

  it("loses an object whose known ID changed, never the app itself, and nothing on unknown IDs", () => {
    const news = {
      ...recorded,
      ids: { ...recorded.ids, app: "ap-2", storage: "nl-ams/shop-storage", "addons.redis": UNKNOWN },
    };
    expect(changeLosses(recorded, news)).toEqual({
      removed: [],
      replaced: [
        {
          loss: { resource: "storage", id: "fr-par/shop-storage" },
          object: "the bucket fr-par/shop-storage",
        },
      ],
    });
  });

  it("loses nothing at creation or when nothing changed", () => {
    expect(changeLosses({}, recorded)).toEqual({ removed: [], replaced: [] });
    expect(changeLosses(recorded, recorded)).toEqual({ removed: [], replaced: [] });
  });
});

describe("destroyLosses", () => {
  it("loses every recorded object but the app, whose data is its add-ons", () => {
    expect(destroyLosses(recorded).map((l) => l.object)).toEqual([
      "the postgresql add-on ad-1",
      "the redis add-on ad-2",
      "the bucket fr-par/shop-storage",
    ]);
    expect(destroyLosses({ ids: { app: "ap-1" } })).toEqual([]);
  });
});

describe("words", () => {
  it.each([
    [[], ""],
    [["a"], "a"],
    [["a", "b"], "a and b"],
    [["a", "b", "c"], "a, b and c"],
  ])("wordList(%j) = %s", (words, expected) => {
    expect(wordList(words)).toBe(expected);
  });

  it("names each kind of object", () => {
    expect(objectWords("app", "ap-1")).toBe("the app ap-1");
    expect(objectWords("addons.redis", "ad-2")).toBe("the redis add-on ad-2");
    expect(recordedIds({ ids: { app: "ap-1", other: "x", storage: 3 } })).toEqual({ app: "ap-1" });
  });

  it("says what a change and a destroy would delete", () => {
    const { removed } = changeLosses(recorded, { held: ["app"], ids: {} });
    const { replaced } = changeLosses(recorded, { ...recorded, ids: { ...recorded.ids, storage: "x/y" } });
    expect(changeStatement('Guard "g"', removed.slice(0, 1), replaced)).toBe(
      'Guard "g": removing `paasenv:addons.postgresql` from the configuration deletes the postgresql add-on ' +
        "ad-1 and its data; `paasenv:storage` now declares another object: the bucket fr-par/shop-storage and " +
        "its data would be deleted",
    );
    expect(changeStatement('Guard "g"', [], [])).toBeUndefined();
    expect(destroyStatement('Guard "g"', destroyLosses(recorded).slice(0, 1), false)).toBe(
      'Guard "g": destroying this environment deletes the postgresql add-on ad-1 and the data in it',
    );
    expect(destroyStatement('Guard "g"', destroyLosses(recorded).slice(1), true)).toBe(
      'Guard "g": destroying this environment deletes the redis add-on ad-2 and the bucket ' +
        "fr-par/shop-storage and the data in them (a production environment: its app and data are `protect`ed " +
        "as well, so a destroy also needs `pulumi state unprotect --all` first)",
    );
    expect(
      destroyStatement('Guard "m"', destroyLosses(recorded).slice(0, 1), false, "removing the companion"),
    ).toBe('Guard "m": removing the companion deletes the postgresql add-on ad-1 and the data in it');
  });
});
