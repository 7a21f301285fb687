/** A stale record never deletes an object the run manages: the rule around any provider. */
import { describe, expect, it } from "vitest";
import { isKept, keep, keepingObjects } from "../../../providers/base/kept-objects";
import type { DynamicProvider } from "../../../providers/base/resource";

/** A provider recording the deletes that reach it; `diff` replaces when `news.replace` is set. */
function recording() {
  const deleted: string[] = [];
  const inner: DynamicProvider<object> = {
    configure: async () => {},
    check: async (_olds, news) => ({ inputs: news }),
    diff: async (_id, _olds, news) => ({ changes: true, replaces: news.replace === true ? ["region"] : [] }),
    create: async (news) => ({ id: String(news.id), outs: news }),
    read: async (id, props) => ({ id, props }),
    update: async (_id, _olds, news) => ({ outs: news }),
    delete: async (id) => {
      deleted.push(id);
    },
  };
  const provider = keepingObjects(inner);
  provider.session = { settings: {} };
  return { provider, deleted };
}

describe("keepingObjects", () => {
  it("skips the delete of what it created, adopted, updated or diffed without replacement", async () => {
    const { provider, deleted } = recording();
    await provider.create({ id: "created" });
    await provider.update("updated", {}, {});
    await provider.diff("same", {}, {});
    for (const id of ["created", "updated", "same"]) await provider.delete(id, {});
    expect(deleted).toEqual([]);
  });

  it("deletes what a replacement leaves behind and what it never saw (a destroy)", async () => {
    const { provider, deleted } = recording();
    await provider.diff("replaced", {}, { replace: true });
    await provider.delete("replaced", {});
    await provider.delete("never-seen", {});
    expect(deleted).toEqual(["replaced", "never-seen"]);
  });

  it("remembers nothing on a provider that was never configured", () => {
    const holder = {};
    keep(holder, "x");
    expect(isKept(holder, "x")).toBe(false);
  });
});
