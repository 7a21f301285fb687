import { seededRandom } from "./ids";

/** A fault to inject: an HTTP error status or a dropped connection, before or after the request is applied. */
export interface Fault {
  status: number;
  drop: boolean;
  when: "before" | "after";
}

/** A scripted fault from `POST /__emulator/faults`. */
export interface ScriptedFault extends Fault, RequestMatcher {}

const RANDOM_STATUSES = [500, 502, 503] as const;

/**
 * A pattern is a regular expression when written between slashes and using at least one metacharacter
 * (`/\/scale$/`); otherwise it is a path prefix (`/v1/apps/my-app/scale`), which also starts and ends with slashes.
 */
export function compilePattern(pattern: string): (path: string) => boolean {
  const regex = /^\/(.+)\/([dgimsuy]*)$/.exec(pattern);
  if (regex?.[1] !== undefined && /[\\^$*+?()[\]{}|]/.test(regex[1])) {
    const compiled = new RegExp(regex[1], regex[2]);
    return (path) => compiled.test(path);
  }
  return (path) => path.startsWith(pattern);
}

/** Which requests a scripted fault or a hold applies to, and at which point. */
export interface RequestMatcher {
  /** `*` or an HTTP method. */
  method: string;
  /** Path prefix (region prefix included), or a regular expression written between slashes. */
  path: string;
  when: "before" | "after";
  /** How many more matching requests it applies to. */
  times: number;
}

/**
 * Parses the fields faults and holds share (`method`, `path`, `when`, `times`) of a control body; returns
 * the matcher and the body's fields, or an error message when they are malformed.
 */
export function parseMatcher(
  body: unknown,
): { matcher: RequestMatcher; fields: Record<string, unknown> } | string {
  if (typeof body !== "object" || body === null) return "body must be a JSON object";
  const b = body as Record<string, unknown>;
  if (typeof b.path !== "string" || b.path === "") return "`path` (a prefix or /regex/) is required";
  const when = b.when ?? "before";
  if (when !== "before" && when !== "after") return '`when` must be "before" or "after"';
  const times = b.times ?? 1;
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1)
    return "`times` must be a positive integer";
  if (b.method !== undefined && typeof b.method !== "string") return "`method` must be a string";
  try {
    compilePattern(b.path);
  } catch (error) {
    return `\`path\` is not a valid regular expression: ${(error as Error).message}`;
  }
  const method = typeof b.method === "string" ? b.method.toUpperCase() : "*";
  return { matcher: { method, path: b.path, when, times }, fields: b };
}

/** Parses a `POST /__emulator/faults` body; returns an error message when it is malformed. */
export function parseScriptedFault(body: unknown): ScriptedFault | string {
  const parsed = parseMatcher(body);
  if (typeof parsed === "string") return parsed;
  const status = parsed.fields.status ?? 500;
  if (typeof status !== "number" || status < 100 || status > 599) return "`status` must be an HTTP status";
  return { ...parsed.matcher, status, drop: parsed.fields.drop === true };
}

/** Decides which requests fail: scripted faults first, then the seeded random rate. */
export class FaultInjector {
  private scripted: ScriptedFault[] = [];
  private random: () => number;

  constructor(
    private readonly rate: number,
    private readonly seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** Adds a scripted fault. */
  add(fault: ScriptedFault): void {
    this.scripted.push(fault);
  }

  /** Scripted faults still armed. */
  list(): ScriptedFault[] {
    return this.scripted.map((f) => ({ ...f }));
  }

  /** Clears scripted faults and restarts the random sequence from the seed. */
  clear(): void {
    this.scripted = [];
    this.random = seededRandom(this.seed);
  }

  /** The fault for this request, if any (consumes one use of a scripted fault). */
  pick(method: string, path: string): Fault | undefined {
    const scripted = this.scripted.find(
      (f) => (f.method === "*" || f.method === method) && compilePattern(f.path)(path),
    );
    if (scripted !== undefined) {
      scripted.times -= 1;
      if (scripted.times <= 0) this.scripted = this.scripted.filter((f) => f !== scripted);
      return { status: scripted.status, drop: scripted.drop, when: scripted.when };
    }
    if (this.rate <= 0 || this.random() >= this.rate) return undefined;
    const kind = Math.floor(this.random() * 4);
    const when = this.random() < 0.5 ? "before" : "after";
    return { status: RANDOM_STATUSES[kind] ?? 500, drop: kind === 3, when };
  }
}

/** Requests per minute per API token, over a sliding 60 s window. */
export class RateLimiter {
  private hits = new Map<string, number[]>();

  constructor(private readonly perMinute: number) {}

  /** Records a request; `false` when the key is over its limit (the request is then not counted). */
  allow(key: string, now: number): boolean {
    if (this.perMinute <= 0) return true;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - 60_000);
    const allowed = recent.length < this.perMinute;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    return allowed;
  }

  /** Forgets every counter. */
  clear(): void {
    this.hits.clear();
  }
}
