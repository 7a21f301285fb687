import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../emulator/scalingo/index";
import type { ApiResponse, TestClient } from "./helpers";
import { createApp, setup } from "./helpers";

interface Waiting {
  method: string;
  path: string;
}

describe("holds", () => {
  let emulator: RunningEmulator;
  let api: TestClient;
  beforeAll(async () => {
    ({ emulator, api } = await setup());
  });
  beforeEach(async () => {
    await api.control("POST", "reset");
  });
  afterAll(() => emulator.stop());

  const appNames = async (): Promise<string[]> =>
    Object.keys((await api.control("GET", "state")).json.regions["osc-fr1"].apps);

  const arm = async (body: Record<string, unknown>): Promise<number> => {
    const armed = await api.control("POST", "holds", body);
    expect(armed.status).toBe(201);
    return armed.json.hold.id as number;
  };

  /** Polls `GET holds` until hold `id` parks `count` requests; returns them. */
  const parkedOn = async (id: number, count = 1): Promise<Waiting[]> => {
    for (let polls = 0; polls < 500; polls++) {
      const hold = (await api.control("GET", "holds")).json.holds.find((h: { id: number }) => h.id === id);
      if (hold?.waiting.length === count) return hold.waiting;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`hold ${id} never parked ${count} request(s)`);
  };

  /** Sends the create; settles to the response, or to the error of a dropped connection. */
  const createLater = (name: string): Promise<ApiResponse | Error> =>
    api.call("POST", "/v1/apps", { app: { name } }).catch((error: unknown) => error as Error);

  it("parks a matching request before applying it; released, it is applied and answered", async () => {
    const id = await arm({ method: "post", path: "/v1/apps", when: "before" });
    const pending = createLater("held-before");
    expect(await parkedOn(id)).toEqual([{ method: "POST", path: "/v1/apps", at: expect.any(String) }]);
    expect(await appNames()).toEqual([]);

    const released = await api.control("POST", `holds/${id}/release`);
    expect(released.json).toMatchObject({ released: 1, hold: { id, times: 0, waiting: [] } });
    const response = await pending;
    expect(response).toMatchObject({ status: 201, json: { app: { name: "held-before" } } });
    expect(await appNames()).toEqual(["held-before"]);
    expect((await api.control("GET", "holds")).json.holds).toEqual([]);
  });

  it("drops a request parked before it was applied: no answer, nothing stored, logged with status 0", async () => {
    const id = await arm({ method: "POST", path: "/v1/apps" });
    const pending = createLater("held-dropped");
    await parkedOn(id);
    await api.control("POST", `holds/${id}/release`, { drop: true });
    expect(await pending).toBeInstanceOf(Error);
    expect(await appNames()).toEqual([]);
    const { requests } = (await api.control("GET", "requests")).json;
    expect(requests.at(-1)).toMatchObject({ method: "POST", path: "/v1/apps", status: 0 });
  });

  it("parks a request after applying it: the object exists while its answer waits, and survives a drop", async () => {
    const id = await arm({ method: "POST", path: "/v1/apps", when: "after" });
    const pending = createLater("held-after");
    await parkedOn(id);
    expect(await appNames()).toEqual(["held-after"]);
    await api.control("POST", `holds/${id}/release`, { drop: true });
    expect(await pending).toBeInstanceOf(Error);
    expect(await appNames()).toEqual(["held-after"]);
  });

  it("holds only `times` matching requests, by method and path (prefix or /regex/)", async () => {
    await createApp(api, "held-child");
    const id = await arm({ method: "PATCH", path: "/\\/v1\\/apps\\/[^/]+$/", times: 1 });
    expect((await api.call("GET", "/v1/apps/held-child")).status).toBe(200);
    const first = api.call("PATCH", "/v1/apps/held-child", { app: { router_logs: true } });
    await parkedOn(id);
    const second = await api.call("PATCH", "/v1/apps/held-child", { app: { sticky_session: true } });
    expect(second.status).toBe(200);
    await api.control("POST", `holds/${id}/release`);
    expect((await first).status).toBe(200);
  });

  it("DELETE holds lets every parked request go on; reset drops them", async () => {
    const one = await arm({ path: "/v1/apps" });
    const pendingOne = createLater("held-one");
    await parkedOn(one);
    expect((await api.control("DELETE", "holds")).json).toEqual({ released: 1, holds: [] });
    expect(await pendingOne).toMatchObject({ status: 201 });

    const two = await arm({ path: "/v1/apps" });
    const pendingTwo = createLater("held-two");
    await parkedOn(two);
    await api.control("POST", "reset");
    expect(await pendingTwo).toBeInstanceOf(Error);
    expect(await appNames()).toEqual([]);
  });

  it.each([
    [{}, "`path` (a prefix or /regex/) is required"],
    [{ path: "/v1/apps", when: "during" }, '`when` must be "before" or "after"'],
    [{ path: "/v1/apps", times: 0 }, "`times` must be a positive integer"],
    [{ path: "/v1/apps", method: 3 }, "`method` must be a string"],
    [{ path: "/(unclosed|x/" }, "`path` is not a valid regular expression"],
  ])("refuses the hold %j with 400", async (body, error) => {
    const response = await api.control("POST", "holds", body);
    expect(response.status).toBe(400);
    expect(response.json.error).toContain(error);
  });

  it("answers 404 to the release of an unknown hold and 400 to a non-boolean drop", async () => {
    expect((await api.control("POST", "holds/99/release")).status).toBe(404);
    const id = await arm({ path: "/v1/apps" });
    const response = await api.control("POST", `holds/${id}/release`, { drop: "yes" });
    expect(response).toMatchObject({ status: 400, json: { error: "`drop` must be a boolean" } });
  });
});
