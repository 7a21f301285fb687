import type { Fault } from "./faults";
import type { AlwaysdataEmulatorOptions } from "./options";

/** A domain (DNS zone) of the account. */
export interface EmulatedDomain {
  id: number;
  name: string;
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

/** Everything the emulator keeps in memory. */
export interface State {
  options: AlwaysdataEmulatorOptions;
  domains: EmulatedDomain[];
  records: Map<number, EmulatedRecord>;
  nextId: number;
  /** When each request of the current rate-limit window came in. */
  hits: number[];
  faults: Fault[];
}

/** A fresh state: the account's domains numbered from 100, no record, record IDs from 1000. */
export const newState = (options: AlwaysdataEmulatorOptions): State => ({
  options,
  domains: options.domains.map((name, index) => ({ id: 100 + index, name })),
  records: new Map(),
  nextId: 1000,
  hits: [],
  faults: [],
});

/** Stores a new record under the next ID and returns it. */
export function insertRecord(state: State, fields: Omit<EmulatedRecord, "id">): EmulatedRecord {
  const record = { id: state.nextId++, ...fields };
  state.records.set(record.id, record);
  return record;
}
