/**
 * A small in-memory emulator of the Alwaysdata DNS API (`/v1/domain/`, `/v1/record/`) over real HTTP, for
 * the `AlwaysdataRecord` provider's tests, the demo and a team's own tests (`paasenv/emulator`; `stateFile`
 * keeps its records across restarts). It checks Basic auth (`APIKEY[ account=NAME]:`), answers
 * 404 for unknown ids, 429 above the rate limit (with `Retry-After`), and 201 with an empty body and a
 * `Location` header on create, as the real API does.
 *
 * Laid out like the Scalingo emulator: `server.ts` (routing), `auth.ts`, `faults.ts` (rate limit and
 * injected failures), `domains.ts` and `records.ts` (the handlers), `store.ts` (the state), `options.ts`.
 */
import { listen } from "../listen";
import type { Fault } from "./faults";
import type { AlwaysdataEmulatorOptions } from "./options";
import { addRecordByHand, type HandMadeRecord } from "./records";
import { createAlwaysdataServer, type RecordedRequest } from "./server";
import { type EmulatedRecord, newState, saveRecords } from "./store";

export type { Fault } from "./faults";
export type { AlwaysdataEmulatorOptions } from "./options";
export type { HandMadeRecord } from "./records";
export type { RecordedRequest } from "./server";
export type { EmulatedRecord } from "./store";

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
  addRecord(record: HandMadeRecord): EmulatedRecord;
  /** Makes the next request with this method fail (e.g. a POST applied but answered 502: a lost response). */
  failNext(fault: Fault): void;
}

/** Starts the emulator on 127.0.0.1 (`options.port`, by default a free one). */
export const startAlwaysdataEmulator = async (
  options: AlwaysdataEmulatorOptions,
): Promise<AlwaysdataEmulator> => {
  const state = newState(options);
  const log: RecordedRequest[] = [];
  const server = createAlwaysdataServer(state, log);
  const port = await listen(server, options.port ?? 0);
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
      const added = addRecordByHand(state, record);
      saveRecords(state);
      return added;
    },
    failNext: (fault) => {
      state.faults.push(fault);
    },
  };
};
