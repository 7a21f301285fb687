/**
 * Holds: park matching API requests until a test releases them, before the request is applied or after it
 * (applied, the response not yet sent). A test can so kill a client at an exact point of a create — the
 * request reached Scalingo but its answer never came back — and decide afterwards whether the request goes
 * through (`release`) or is lost (`drop`). Driven by `/__emulator/holds` (see {@link holdControl}).
 */
import { compilePattern, parseMatcher, type RequestMatcher } from "./faults";
import type { Reply } from "./http";
import { asRecord, ok } from "./http";

/** What a parked request does once released: go on as if nothing happened, or lose its connection. */
export type HoldOutcome = "go" | "drop";

/** A hold as `POST /__emulator/holds` takes it: which requests, before or after they are applied. */
export type HoldSpec = RequestMatcher;

/** One parked request. */
interface Parked {
  method: string;
  path: string;
  at: string;
  release: (outcome: HoldOutcome) => void;
}

/** An armed hold and the requests it parks. */
export interface Hold extends HoldSpec {
  id: number;
  parked: Parked[];
}

/** A hold as the control endpoints show it. */
export interface HoldView extends HoldSpec {
  id: number;
  /** The requests parked now: `[{method, path, at}]`. */
  waiting: Array<{ method: string; path: string; at: string }>;
}

/** Parses a `POST /__emulator/holds` body; returns an error message when it is malformed. */
export function parseHoldSpec(body: unknown): HoldSpec | string {
  const parsed = parseMatcher(body);
  return typeof parsed === "string" ? parsed : parsed.matcher;
}

/** The armed holds of one emulator. */
export class Holds {
  private holds: Hold[] = [];
  private nextId = 1;

  /** Arms a hold. */
  add(spec: HoldSpec): HoldView {
    const hold: Hold = { ...spec, id: this.nextId++, parked: [] };
    this.holds.push(hold);
    return viewOf(hold);
  }

  /** Every hold still armed or still parking requests. */
  list(): HoldView[] {
    return this.holds.map(viewOf);
  }

  /** The hold for this request, if any (consumes one of its uses). */
  pick(method: string, path: string): Hold | undefined {
    const hold = this.holds.find(
      (h) => h.times > 0 && (h.method === "*" || h.method === method) && compilePattern(h.path)(path),
    );
    if (hold !== undefined) hold.times -= 1;
    return hold;
  }

  /** Parks a request on `hold` until it is released, when the hold is for this point (`when`); else `go`. */
  park(hold: Hold | undefined, when: Hold["when"], method: string, path: string): Promise<HoldOutcome> {
    if (hold?.when !== when) return Promise.resolve("go");
    return new Promise((release) => {
      hold.parked.push({ method, path, at: new Date().toISOString(), release });
    });
  }

  /** Releases the requests parked on hold `id`; `undefined` when there is no such hold. */
  release(id: number, outcome: HoldOutcome): { released: number; hold: HoldView } | undefined {
    const hold = this.holds.find((h) => h.id === id);
    if (hold === undefined) return undefined;
    const released = releaseParked(hold, outcome);
    if (hold.times === 0) this.holds = this.holds.filter((h) => h !== hold);
    return { released, hold: viewOf(hold) };
  }

  /** Releases every parked request with `outcome` and disarms every hold. */
  clear(outcome: HoldOutcome): number {
    const released = this.holds.reduce((total, hold) => total + releaseParked(hold, outcome), 0);
    this.holds = [];
    return released;
  }
}

function releaseParked(hold: Hold, outcome: HoldOutcome): number {
  const parked = hold.parked;
  hold.parked = [];
  for (const request of parked) request.release(outcome);
  return parked.length;
}

function viewOf(hold: Hold): HoldView {
  const { id, method, path, when, times } = hold;
  const waiting = hold.parked.map(({ method: m, path: p, at }) => ({ method: m, path: p, at }));
  return { id, method, path, when, times, waiting };
}

const bad = (error: string): Reply => ({ status: 400, json: { error } });

/**
 * `/__emulator/holds…`: `POST holds` arms one, `GET holds` lists them, `POST holds/<id>/release` (body
 * `{"drop"?: true}`) releases what hold `id` parks, `DELETE holds` lets every parked request go on and disarms
 * every hold. `undefined` for other routes.
 */
export function holdControl(holds: Holds, method: string, name: string, body: unknown): Reply | undefined {
  if (name === "holds") {
    if (method === "GET") return ok({ holds: holds.list() });
    if (method === "DELETE") return ok({ released: holds.clear("go"), holds: [] });
    if (method !== "POST") return undefined;
    const spec = parseHoldSpec(body);
    return typeof spec === "string" ? bad(spec) : ok({ hold: holds.add(spec) }, 201);
  }
  const release = /^holds\/([0-9]+)\/release$/.exec(name);
  if (release?.[1] === undefined || method !== "POST") return undefined;
  const drop = asRecord(body)?.drop;
  if (drop !== undefined && typeof drop !== "boolean") return bad("`drop` must be a boolean");
  const result = holds.release(Number(release[1]), drop === true ? "drop" : "go");
  return result === undefined ? { status: 404, json: { error: `hold ${release[1]} not found` } } : ok(result);
}
