/**
 * Create, read, update and delete of one Alwaysdata DNS record, over an {@link AlwaysdataClient}.
 * Called by the provider methods in `record.ts`; pure except for the requests.
 */
import { deleteRecord, findDomain, listRecords, postRecord, putRecord } from "./api";
import type { AlwaysdataClient } from "./http";
import {
  type ApiRecord,
  changedFields,
  inputsOf,
  matchingRecords,
  recordLabel,
  refreshedInputs,
  sameValue,
  toRecordOutputs,
  toRecordPayload,
} from "./mappers";
import { hostOf } from "./names";
import type { RecordInputs, RecordOutputs } from "./schemas";

/** The relative host of validated inputs (`check` already refused names outside the zone). */
const hostOfInputs = (inputs: Pick<RecordInputs, "zone" | "name">): string =>
  hostOf(inputs.zone, inputs.name) ?? "";

/** Whether a failed POST may have been applied all the same (no response, or a server error). */
const maybeApplied = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  "status" in error &&
  typeof error.status === "number" &&
  (error.status === 0 || error.status >= 500);

/** The record with exactly these name, type and value, newest first (after a lost or id-less POST). */
const findCreated = async (
  client: AlwaysdataClient,
  operation: string,
  domainId: number,
  host: string,
  inputs: RecordInputs,
): Promise<ApiRecord | undefined> => {
  const records = await listRecords(client, operation, domainId);
  const exact = matchingRecords(records, inputs.zone, host, { ...inputs, adopt: false }).filter((r) =>
    sameValue(inputs.type, r.value, inputs.value),
  );
  return exact.sort((a, b) => b.id - a.id)[0];
};

/**
 * POSTs the record and returns its id. A POST is not retried blindly: after a lost response (or a
 * 201 that names no record) the record is looked up first, and created again only if it is not there.
 */
const createNew = async (
  client: AlwaysdataClient,
  operation: string,
  domainId: number,
  host: string,
  inputs: RecordInputs,
): Promise<number> => {
  const payload = toRecordPayload(domainId, host, inputs);
  let id: number | undefined;
  try {
    id = await postRecord(client, operation, payload);
  } catch (error) {
    if (!maybeApplied(error)) {
      throw error;
    }
    id = (await findCreated(client, operation, domainId, host, inputs))?.id;
    id ??= await postRecord(client, operation, payload);
  }
  id ??= (await findCreated(client, operation, domainId, host, inputs))?.id;
  if (id === undefined) {
    throw new Error(`${operation}: POST /v1/record/ answered 201 but the new record could not be found.`);
  }
  return id;
};

/** Whether an adopted record differs from the inputs in a field the user set. */
const takeoverNeedsUpdate = (remote: ApiRecord, inputs: RecordInputs): boolean =>
  !sameValue(inputs.type, remote.value, inputs.value) ||
  (inputs.ttl !== undefined && inputs.ttl !== remote.ttl) ||
  (inputs.priority !== undefined && inputs.priority !== remote.priority) ||
  (inputs.annotation !== undefined && inputs.annotation !== remote.annotation);

/** The one existing record to take over, or the error explaining the clash. */
const recordToAdopt = (
  operation: string,
  inputs: RecordInputs,
  existing: readonly ApiRecord[],
): ApiRecord => {
  const listing = existing.map((r) => `id ${r.id}, name "${r.name}", value "${r.value}"`).join("; ");
  if (!inputs.adopt) {
    throw new Error(
      `${operation}: a matching record already exists in zone "${inputs.zone}" (${listing}). Set \`adopt: true\` to take it over (paasenv then manages it and deletes it with the stack), or delete it in Alwaysdata first.`,
    );
  }
  const [only, ...others] = existing;
  if (only === undefined || others.length > 0) {
    throw new Error(
      `${operation}: cannot adopt, ${existing.length} records match (${listing}); delete the duplicates in Alwaysdata first.`,
    );
  }
  return only;
};

/**
 * `create`: finds the zone, refuses (or, with `adopt`, takes over) a matching existing record, else
 * creates it. Returns the full outputs.
 */
export const createRecord = async (
  client: AlwaysdataClient,
  inputs: RecordInputs,
): Promise<RecordOutputs> => {
  const host = hostOfInputs(inputs);
  const operation = `create ${recordLabel(inputs.zone, host, inputs.type)}`;
  const domain = await findDomain(client, operation, inputs.zone);
  const existing = matchingRecords(
    await listRecords(client, operation, domain.id),
    inputs.zone,
    host,
    inputs,
  );
  if (existing.length === 0) {
    const recordId = await createNew(client, operation, domain.id, host, inputs);
    return toRecordOutputs(inputs, { recordId, domainId: domain.id }, host);
  }
  const adopted = recordToAdopt(operation, inputs, existing);
  if (takeoverNeedsUpdate(adopted, inputs)) {
    await putRecord(client, operation, adopted.id, toRecordPayload(domain.id, host, inputs));
  }
  return toRecordOutputs(inputs, { recordId: adopted.id, domainId: domain.id }, host);
};

/**
 * `read` (refresh): the record by id, else the single record with the same name (either form), type
 * (and value for multi-valued types); `undefined` when it is gone. Type, name, value, TTL, priority and
 * annotation are refreshed (see `refreshedInputs`); a field the user left unset stays unset.
 */
export const readRecord = async (
  client: AlwaysdataClient,
  id: string,
  stored: RecordOutputs,
): Promise<{ id: string; outputs: RecordOutputs; inputs: RecordInputs } | undefined> => {
  const host = hostOfInputs(stored);
  const operation = `read ${recordLabel(stored.zone, host, stored.type)}`;
  const records = await listRecords(client, operation, stored.domainId);
  const byKey = matchingRecords(records, stored.zone, host, { ...stored, adopt: false });
  const found = records.find((r) => String(r.id) === id) ?? (byKey.length === 1 ? byKey[0] : undefined);
  if (found === undefined) {
    return undefined;
  }
  const inputs = refreshedInputs(inputsOf(stored), found);
  const outputs = toRecordOutputs(
    inputs,
    { recordId: found.id, domainId: stored.domainId },
    hostOfInputs(inputs),
  );
  return { id: String(found.id), outputs, inputs };
};

/** `update`: PUTs the full record when value, TTL, priority or annotation changed; otherwise no request. */
export const updateRecord = async (
  client: AlwaysdataClient,
  id: string,
  olds: RecordOutputs,
  news: RecordInputs,
): Promise<RecordOutputs> => {
  const host = hostOfInputs(news);
  const ids = { recordId: Number(id), domainId: olds.domainId };
  if (changedFields(olds, news).length > 0) {
    const operation = `update ${recordLabel(news.zone, host, news.type)}`;
    await putRecord(client, operation, ids.recordId, toRecordPayload(olds.domainId, host, news));
  }
  return toRecordOutputs(news, ids, host);
};

/** `delete`: a 404 means the record is already gone, which is the goal. */
export const removeRecord = async (
  client: AlwaysdataClient,
  id: string,
  stored: RecordOutputs,
): Promise<void> => {
  const operation = `delete ${recordLabel(stored.zone, hostOfInputs(stored), stored.type)}`;
  await deleteRecord(client, operation, Number(id));
};
