/** Identical GETs in flight share one request; writes never do, and a caller always sees its own writes. */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from "axios";
import { afterEach, describe, expect, it, vi } from "vitest";
import { requestKey, SNAPSHOT_MS, sendShared, singleFlight } from "../../../providers/base/single-flight";

/** An HTTP client whose requests stay pending until `answer` settles them, in order; it records each request. */
function pendingHttp() {
  const sent: AxiosRequestConfig[] = [];
  const pending: { resolve: (r: AxiosResponse) => void; reject: (e: unknown) => void }[] = [];
  const http = {
    request: (config: AxiosRequestConfig) => {
      sent.push(config);
      return new Promise<AxiosResponse>((resolve, reject) => pending.push({ resolve, reject }));
    },
  } as unknown as AxiosInstance;
  const answer = (index: number, data: unknown) =>
    pending[index]?.resolve({
      status: 200,
      data,
      headers: {},
      statusText: "OK",
      config: {},
    } as AxiosResponse);
  const fail = (index: number, error: unknown) => pending[index]?.reject(error);
  return { http, sent, answer, fail };
}

const get = (url: string, token = "t1"): AxiosRequestConfig => ({
  method: "GET",
  url,
  headers: { Authorization: `Bearer ${token}` },
});

describe("sendShared", () => {
  it("sends one request for identical GETs in flight together, and both get its answer", async () => {
    const { http, sent, answer } = pendingHttp();
    const state = singleFlight();
    const first = sendShared(state, http, get("/v1/apps/a/addons"));
    const second = sendShared(state, http, get("/v1/apps/a/addons"));
    answer(0, { addons: [] });
    expect([(await first).data, (await second).data]).toEqual([{ addons: [] }, { addons: [] }]);
    expect(sent).toHaveLength(1);
    expect(state.inflight.size).toBe(0);
  });

  it("sends again once the first answer is in (no cache), and for another URL, query or token", async () => {
    const { http, sent, answer } = pendingHttp();
    const state = singleFlight();
    const first = sendShared(state, http, get("/v1/apps/a/addons"));
    answer(0, 1);
    await first;
    const calls = [
      sendShared(state, http, get("/v1/apps/a/addons")),
      sendShared(state, http, get("/v1/apps/b/addons")),
      sendShared(state, http, { ...get("/v1/apps/a/addons"), params: { aliases: "false" } }),
      sendShared(state, http, get("/v1/apps/a/addons", "t2")),
    ];
    calls.forEach((_, index) => {
      answer(index + 1, index);
    });
    await Promise.all(calls);
    expect(sent).toHaveLength(5);
  });

  it("never joins a GET sent before one of this host's writes completed: the caller sees its write", async () => {
    const { http, sent, answer } = pendingHttp();
    const state = singleFlight();
    const before = sendShared(state, http, get("/v1/apps/a/variables"));
    const write = sendShared(state, http, { method: "PUT", url: "/v1/apps/a/variables" });
    answer(1, {});
    await write;
    const after = sendShared(state, http, get("/v1/apps/a/variables"));
    answer(0, "old");
    answer(2, "new");
    expect([(await before).data, (await after).data]).toEqual(["old", "new"]);
    expect(sent.map((c) => c.method)).toEqual(["GET", "PUT", "GET"]);
  });

  it("never shares writes, and counts a failed write too", async () => {
    const { http, sent, answer, fail } = pendingHttp();
    const state = singleFlight();
    const writes = [
      sendShared(state, http, { method: "POST", url: "/v1/apps/a/addons" }),
      sendShared(state, http, { method: "POST", url: "/v1/apps/a/addons" }),
    ];
    answer(0, {});
    fail(1, new Error("422"));
    await Promise.allSettled(writes);
    expect({ sent: sent.length, writes: state.writes }).toEqual({ sent: 2, writes: 2 });
  });

  it("gives every caller of a shared GET its failure, then forgets it", async () => {
    const { http, sent, fail, answer } = pendingHttp();
    const state = singleFlight();
    const shared = [sendShared(state, http, get("/x")), sendShared(state, http, get("/x"))];
    fail(0, new Error("503"));
    const outcomes = await Promise.allSettled(shared);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    const retry = sendShared(state, http, get("/x"));
    answer(1, "ok");
    expect((await retry).data).toBe("ok");
    expect(sent).toHaveLength(2);
  });

  it("keys requests by method, URL, query and credentials", () => {
    expect(requestKey(get("/x"))).not.toBe(requestKey(get("/x", "t2")));
    expect(requestKey(get("/x"))).toBe(requestKey(get("/x")));
  });
});

describe("sendShared for a refresh's reads (snapshot)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("shares an answer already in with the next identical refresh read, never with another read", async () => {
    const { http, sent, answer } = pendingHttp();
    const state = singleFlight();
    const first = sendShared(state, http, get("/v1/apps/a"), true);
    answer(0, "app");
    await first;
    expect((await sendShared(state, http, get("/v1/apps/a"), true)).data).toBe("app");
    expect(sent).toHaveLength(1);
    const poll = sendShared(state, http, get("/v1/apps/a"));
    answer(1, "again");
    expect((await poll).data).toBe("again");
    expect(sent).toHaveLength(2);
  });

  it("asks again once this host has sent a write, and never reuses an answer asked during a write", async () => {
    const { http, sent, answer } = pendingHttp();
    const state = singleFlight();
    const first = sendShared(state, http, get("/v1/apps/a/variables"), true);
    answer(0, "old");
    await first;
    const write = sendShared(state, http, { method: "PUT", url: "/v1/apps/a/variables" });
    const during = sendShared(state, http, get("/v1/apps/a/variables"), true);
    answer(2, "maybe");
    expect((await during).data).toBe("maybe");
    answer(1, {});
    await write;
    // Asked while the write was in flight, that answer may not show it: the next read asks again.
    const after = sendShared(state, http, get("/v1/apps/a/variables"), true);
    answer(3, "new");
    expect((await after).data).toBe("new");
    expect(sent.map((c) => c.method)).toEqual(["GET", "PUT", "GET", "GET"]);
    expect(state.snapshots.size).toBe(1);
  });

  it("keeps no failed answer, and none older than SNAPSHOT_MS", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { http, sent, answer, fail } = pendingHttp();
    const state = singleFlight();
    const failed = sendShared(state, http, get("/x"), true);
    fail(0, new Error("503"));
    await expect(failed).rejects.toThrow("503");
    const first = sendShared(state, http, get("/x"), true);
    answer(1, "one");
    await first;
    vi.advanceTimersByTime(SNAPSHOT_MS);
    const later = sendShared(state, http, get("/x"), true);
    answer(2, "two");
    expect((await later).data).toBe("two");
    expect(sent).toHaveLength(3);
  });
});
