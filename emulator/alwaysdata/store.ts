import { z } from "zod";
import { readJsonFile, writeJsonFile } from "../json-file";
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

/**
 * A fresh state: the account's domains numbered from 100, then the records of `options.stateFile` when it
 * exists, else none with IDs from 1000.
 */
export const newState = (options: AlwaysdataEmulatorOptions): State => {
  const saved = options.stateFile === undefined ? undefined : loadRecords(options.stateFile);
  return {
    options,
    domains: options.domains.map((name, index) => ({ id: 100 + index, name })),
    records: new Map((saved?.records ?? []).map((record) => [record.id, record])),
    nextId: saved?.nextId ?? 1000,
    hits: [],
    faults: [],
  };
};

/** What a state file holds: the records and the next ID (the domains come from the options). */
const savedStateSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int(),
  records: z.array(
    z.object({
      id: z.number().int(),
      domain: z.number().int(),
      type: z.string(),
      name: z.string(),
      value: z.string(),
      ttl: z.number(),
      priority: z.number().nullable(),
      annotation: z.string(),
    }),
  ),
});

/** The records saved in `file`, or `undefined` when it does not exist yet. */
function loadRecords(file: string): z.infer<typeof savedStateSchema> | undefined {
  const stored = readJsonFile(file);
  if (stored === undefined) return undefined;
  const parsed = savedStateSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`Alwaysdata emulator state file ${file} is not a version 1 state.`);
  return parsed.data;
}

/** Writes the records to the state file, when there is one. */
export function saveRecords(state: State): void {
  const file = state.options.stateFile;
  if (file === undefined) return;
  writeJsonFile(file, { version: 1, nextId: state.nextId, records: [...state.records.values()] });
}

/** Stores a new record under the next ID and returns it. */
export function insertRecord(state: State, fields: Omit<EmulatedRecord, "id">): EmulatedRecord {
  const record = { id: state.nextId++, ...fields };
  state.records.set(record.id, record);
  return record;
}
