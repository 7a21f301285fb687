/**
 * A small in-memory emulator of the Alwaysdata DNS API (`/v1/domain/`, `/v1/record/`) over real HTTP,
 * for the `AlwaysdataRecord` provider tests. It checks Basic auth (`APIKEY[ account=NAME]:`), answers
 * 404 for unknown ids, 429 above the rate limit (with `Retry-After`), and 201 with an empty body and a
 * `Location` header on create, as the real API does.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Emulator options. */
export interface AlwaysdataEmulatorOptions {
  /** The only API key accepted. */
  apiKey: string;
  /** When set, requests must name this account (`APIKEY account=NAME`). */
  account?: string;
  /** The account's domains (zones), e.g. `["example.com"]`. */
  domains: string[];
  /** Requests allowed per window and key; `0` or absent: no limit. */
  rateLimitPerMinute?: number;
  /** The rate-limit window, to keep tests short. @default `60000` */
  rateWindowMs?: number;
  /** Body of a successful create: `"empty"` like the real API, or the record as JSON. @default `"empty"` */
  createResponse?: "empty" | "json";
}

/** A record as the emulator stores it. */
export interface EmulatedRecord {
  id: number;
  domain: number;
  type: string;
  name: string;
  value: string;
  ttl: number;
  priority: number | null;
  annotation: string;
}

/** One request the emulator answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

/** A running emulator. */
export interface AlwaysdataEmulator {
  /** The API root, e.g. `http://127.0.0.1:4567/v1`. */
  url: string;
  stop(): Promise<void>;
  /** Every request answered so far, in order. */
  requests(): RecordedRequest[];
  /** The stored records. */
  records(): EmulatedRecord[];
  /** Adds a record directly (as if made by hand in the admin), returning it. */
  addRecord(record: {
    zone: string;
    type: string;
    name: string;
    value: string;
    ttl?: number;
  }): EmulatedRecord;
  /** Makes the next request with this method fail (e.g. a POST applied but answered 502: a lost response). */
  failNext(fault: Fault): void;
}

interface State {
  options: AlwaysdataEmulatorOptions;
  domains: { id: number; name: string }[];
  records: Map<number, EmulatedRecord>;
  nextId: number;
  hits: number[];
  faults: Fault[];
}

/** A one-shot failure: the next matching request gets `status`, after being applied when `afterApply`. */
export interface Fault {
  method: string;
  status: number;
  afterApply?: boolean;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const RECORD_TYPES = ["A", "AAAA", "ALIAS", "CAA", "CNAME", "DS", "MX", "NS", "PTR", "SRV", "TXT"];

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks).toString("utf8");
};

/** `undefined` when the credentials are right, else the 401 reply. */
const authFailure = (state: State, header: string | undefined): Reply | undefined => {
  const encoded = /^Basic (.+)$/.exec(header ?? "")?.[1];
  if (encoded === undefined) {
    return { status: 401, body: { detail: "Authentication credentials were not provided." } };
  }
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const user = decoded.slice(0, decoded.lastIndexOf(":"));
  const match = /^(\S+)(?: account=(\S+))?$/.exec(user);
  if (match?.[1] !== state.options.apiKey) {
    return { status: 401, body: { detail: "Invalid token." } };
  }
  if (state.options.account !== undefined && match[2] !== state.options.account) {
    return { status: 401, body: { detail: `Unknown account: ${match[2] ?? "(none)"}.` } };
  }
  return undefined;
};

/** `undefined` when under the limit (and counts the hit), else the 429 reply. */
const rateLimited = (state: State, now: number): Reply | undefined => {
  const limit = state.options.rateLimitPerMinute ?? 0;
  if (limit <= 0) {
    return undefined;
  }
  const windowMs = state.options.rateWindowMs ?? 60_000;
  state.hits = state.hits.filter((t) => now - t < windowMs);
  const oldest = state.hits[0];
  if (state.hits.length >= limit && oldest !== undefined) {
    const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    return {
      status: 429,
      body: { detail: `Request was throttled. Expected available in ${retryAfter} seconds.` },
      headers: { "Retry-After": String(retryAfter) },
    };
  }
  state.hits.push(now);
  return undefined;
};

const publicRecord = (r: EmulatedRecord) => ({
  ...r,
  domain: { href: `/v1/domain/${r.domain}/` },
  href: `/v1/record/${r.id}/`,
});

/** Validates a POST/PUT body into record fields, or returns the 400 reply. */
const recordFields = (state: State, raw: string): Omit<EmulatedRecord, "id"> | Reply => {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw === "" ? "{}" : raw);
  } catch {
    return { status: 400, body: { detail: "JSON parse error." } };
  }
  const errors: Record<string, string[]> = {};
  const domain = state.domains.find((d) => d.id === body.domain);
  if (domain === undefined) errors.domain = [`Invalid pk "${String(body.domain)}" - object does not exist.`];
  if (typeof body.type !== "string" || !RECORD_TYPES.includes(body.type)) errors.type = ["Invalid choice."];
  if (typeof body.value !== "string" || body.value === "") errors.value = ["This field is required."];
  if (body.name !== undefined && typeof body.name !== "string") errors.name = ["Not a valid string."];
  if (Object.keys(errors).length > 0 || domain === undefined) {
    return { status: 400, body: errors };
  }
  return {
    domain: domain.id,
    type: String(body.type),
    name: typeof body.name === "string" ? body.name : "",
    value: String(body.value),
    ttl: typeof body.ttl === "number" ? body.ttl : 300,
    priority: typeof body.priority === "number" ? body.priority : null,
    annotation: typeof body.annotation === "string" ? body.annotation : "",
  };
};

const isReply = (value: object): value is Reply => "status" in value;

const createRecordReply = (state: State, raw: string, origin: string): Reply => {
  const fields = recordFields(state, raw);
  if (isReply(fields)) {
    return fields;
  }
  const duplicate = [...state.records.values()].some(
    (r) =>
      r.domain === fields.domain &&
      r.type === fields.type &&
      r.name === fields.name &&
      r.value === fields.value,
  );
  if (duplicate) {
    return { status: 400, body: { non_field_errors: ["This record already exists."] } };
  }
  const record = { id: state.nextId++, ...fields };
  state.records.set(record.id, record);
  const location = `${origin}/v1/record/${record.id}/`;
  const body = state.options.createResponse === "json" ? publicRecord(record) : undefined;
  return { status: 201, body, headers: { Location: location } };
};

const NOT_FOUND: Reply = { status: 404, body: { detail: "Not found." } };

const recordByIdReply = (state: State, method: string, id: number, raw: string): Reply => {
  const record = state.records.get(id);
  if (record === undefined) {
    return NOT_FOUND;
  }
  if (method === "GET") {
    return { status: 200, body: publicRecord(record) };
  }
  if (method === "DELETE") {
    state.records.delete(id);
    return { status: 204 };
  }
  if (method !== "PUT") {
    return { status: 405, body: { detail: `Method "${method}" not allowed.` } };
  }
  const fields = recordFields(state, raw);
  if (isReply(fields)) {
    return fields;
  }
  state.records.set(id, { id, ...fields });
  return { status: 204 };
};

const route = (state: State, method: string, url: URL, raw: string, origin: string): Reply => {
  const path = url.pathname.replace(/\/?$/, "/");
  if (path === "/v1/domain/" && method === "GET") {
    return { status: 200, body: state.domains.map((d) => ({ ...d, href: `/v1/domain/${d.id}/` })) };
  }
  if (path === "/v1/record/" && method === "GET") {
    const domain = url.searchParams.get("domain");
    const records = [...state.records.values()].filter((r) => domain === null || String(r.domain) === domain);
    return { status: 200, body: records.map(publicRecord) };
  }
  if (path === "/v1/record/" && method === "POST") {
    return createRecordReply(state, raw, origin);
  }
  const id = /^\/v1\/record\/(\d+)\/$/.exec(path)?.[1];
  return id === undefined ? NOT_FOUND : recordByIdReply(state, method, Number(id), raw);
};

/** Runs the route unless a fault is due for this method; a fault may apply the request first. */
const withFault = (state: State, method: string, run: () => Reply): Reply => {
  const index = state.faults.findIndex((f) => f.method === method);
  const fault = state.faults[index];
  if (fault === undefined) {
    return run();
  }
  state.faults.splice(index, 1);
  if (fault.afterApply === true) {
    run();
  }
  return { status: fault.status, body: { detail: "Emulated failure." } };
};

const send = (res: ServerResponse, reply: Reply): void => {
  const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  const type = text === "" ? {} : { "Content-Type": "application/json" };
  res.writeHead(reply.status, { ...type, ...reply.headers });
  res.end(text);
};

/** Starts the emulator on a random port of 127.0.0.1. */
export const startAlwaysdataEmulator = async (
  options: AlwaysdataEmulatorOptions,
): Promise<AlwaysdataEmulator> => {
  const state: State = {
    options,
    domains: options.domains.map((name, index) => ({ id: 100 + index, name })),
    records: new Map(),
    nextId: 1000,
    hits: [],
    faults: [],
  };
  const log: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const method = req.method ?? "GET";
      const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
      const url = new URL(req.url ?? "/", origin);
      const raw = await readBody(req);
      const reply =
        authFailure(state, req.headers.authorization) ??
        rateLimited(state, Date.now()) ??
        withFault(state, method, () => route(state, method, url, raw, origin));
      log.push({ method, path: `${url.pathname}${url.search}`, status: reply.status });
      send(res, reply);
    })().catch((error: unknown) => {
      send(res, { status: 500, body: { detail: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
    requests: () => log.map((r) => ({ ...r })),
    records: () => [...state.records.values()].map((r) => ({ ...r })),
    addRecord: (record) => {
      const domain = state.domains.find((d) => d.name === record.zone);
      if (domain === undefined) {
        throw new Error(`emulator: unknown zone ${record.zone}`);
      }
      const stored: EmulatedRecord = {
        id: state.nextId++,
        domain: domain.id,
        type: record.type,
        name: record.name,
        value: record.value,
        ttl: record.ttl ?? 300,
        priority: null,
        annotation: "",
      };
      state.records.set(stored.id, stored);
      return { ...stored };
    },
    failNext: (fault) => {
      state.faults.push(fault);
    },
  };
};
