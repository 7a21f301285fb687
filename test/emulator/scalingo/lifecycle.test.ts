import { describe, expect, it } from "vitest";
import { newApp, newAppState } from "../../../emulator/scalingo/apps";
import { startOperation } from "../../../emulator/scalingo/containers";
import type { Ctx } from "../../../emulator/scalingo/http";
import { iso } from "../../../emulator/scalingo/ids";
import { advance } from "../../../emulator/scalingo/lifecycle";
import { DEFAULT_OPTIONS } from "../../../emulator/scalingo/options";
import { Store } from "../../../emulator/scalingo/store";
import type { AppState } from "../../../emulator/scalingo/types";

const T0 = Date.parse("2026-01-01T00:00:00.000Z");

/** A request context at a chosen time, so transitions are checked without waiting. */
function ctxAt(store: Store, now: number, params: Record<string, string> = {}): Ctx {
  return {
    method: "POST",
    path: "/",
    params,
    query: new URLSearchParams(),
    headers: {},
    body: undefined,
    rawBody: Buffer.alloc(0),
    region: "osc-fr1",
    regionUrl: "http://127.0.0.1:1",
    rootUrl: "http://127.0.0.1:1",
    caller: undefined,
    store,
    options: { ...DEFAULT_OPTIONS, operationMs: 100, addonProvisionMs: 300 },
    now,
  };
}

function storeWithApp(): { store: Store; appState: AppState } {
  const store = new Store(undefined);
  const appState = newAppState(newApp(store.nextId(), "time-app", "osc-fr1", "st-x", T0));
  store.putApp("osc-fr1", appState);
  return { store, appState };
}

describe("scheduled transitions (applied lazily at a given time)", () => {
  it("moves an operation pending → running at half --operation-ms → done at --operation-ms, with the app scaling meanwhile", () => {
    const { store, appState } = storeWithApp();
    const location = startOperation(ctxAt(store, T0), appState, "scale");
    const operation = appState.operations[0];
    expect(location).toBe(`http://127.0.0.1:1/v1/apps/time-app/operations/${operation?.id}`);
    expect([operation?.status, appState.app.status]).toEqual(["pending", "scaling"]);
    expect(advance(store, T0 + 49)).toBe(false);
    advance(store, T0 + 50);
    expect([operation?.status, appState.app.status]).toEqual(["running", "scaling"]);
    advance(store, T0 + 100);
    expect([operation?.status, operation?.finished_at, appState.app.status]).toEqual([
      "done",
      iso(T0 + 100),
      "running",
    ]);
    expect(store.state.schedule).toEqual([]);
  });

  it("applies overdue transitions in time order in one go", () => {
    const { store, appState } = storeWithApp();
    startOperation(ctxAt(store, T0), appState, "restart");
    expect(appState.app.status).toBe("restarting");
    advance(store, T0 + 10_000);
    expect(appState.operations[0]).toMatchObject({ status: "done", finished_at: iso(T0 + 100) });
  });

  it("finishes at once when --operation-ms is 0", () => {
    const { store, appState } = storeWithApp();
    const ctx = { ...ctxAt(store, T0), options: { ...DEFAULT_OPTIONS, operationMs: 0 } };
    startOperation(ctx, appState, "scale");
    expect(appState.operations[0]?.status).toBe("done");
    expect(store.state.schedule).toEqual([]);
  });

  it("drops scheduled work of a deleted app", () => {
    const { store, appState } = storeWithApp();
    startOperation(ctxAt(store, T0), appState, "scale");
    store.deleteApp("osc-fr1", appState);
    expect(store.state.schedule).toEqual([]);
  });
});
