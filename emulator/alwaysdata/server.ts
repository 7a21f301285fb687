import { createServer, type Server } from "node:http";
import { authFailure } from "./auth";
import { listDomains } from "./domains";
import { rateLimited, withFault } from "./faults";
import { NOT_FOUND, type Reply, readBody, send } from "./http";
import { createRecordReply, listRecords, recordByIdReply } from "./records";
import { type State, saveRecords } from "./store";

/** One request the emulator answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

/** The handler of an authenticated request that passed the rate limit and the faults. */
const route = (state: State, method: string, url: URL, raw: string, origin: string): Reply => {
  const path = url.pathname.replace(/\/?$/, "/");
  if (path === "/v1/domain/" && method === "GET") {
    return listDomains(state);
  }
  if (path === "/v1/record/" && method === "GET") {
    return listRecords(state, url.searchParams.get("domain"));
  }
  if (path === "/v1/record/" && method === "POST") {
    return createRecordReply(state, raw, origin);
  }
  const id = /^\/v1\/record\/(\d+)\/$/.exec(path)?.[1];
  return id === undefined ? NOT_FOUND : recordByIdReply(state, method, Number(id), raw);
};

/** The HTTP server (not yet listening): auth, then the rate limit, then faults, then the route; logs each answer. */
export function createAlwaysdataServer(state: State, log: RecordedRequest[]): Server {
  return createServer((req, res) => {
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
      if (method !== "GET" && reply.status < 300) saveRecords(state);
      send(res, reply);
    })().catch((error: unknown) => {
      send(res, { status: 500, body: { detail: String(error) } });
    });
  });
}
