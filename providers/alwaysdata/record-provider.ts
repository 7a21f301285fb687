/**
 * `AlwaysdataRecord`: one DNS record in a zone hosted by Alwaysdata, as a Pulumi dynamic resource.
 * @see https://api.alwaysdata.com/doc/
 *
 * This file is the implementation the provider host runs; the class a program declares is in `record.ts`.
 */
import { providerError } from "../base/errors";
import { createOnce } from "../base/polling";
import { begin, beginFromState, parseState, providerMethods } from "../base/resource";
import type { AlwaysdataClient } from "./client";
import { normaliseZone } from "./names";
import {
  type ApiRecord,
  changedFields,
  createdRecordId,
  fromApiRecord,
  hostOfInputs,
  inputsOf,
  matchingRecords,
  type RecordPayload,
  rawHost,
  recordLabel,
  recordRules,
  recordToAdopt,
  refreshedInputs,
  sameValue,
  takeoverNeedsUpdate,
  toRecordOutputs,
  toRecordPayload,
} from "./record-mappers";
import { alwaysdataResource } from "./resource";
import {
  type ApiDomain,
  apiCreatedSchema,
  apiDomainListSchema,
  apiRecordListSchema,
  type RecordInputs,
  type RecordOutputs,
  recordInputsSchema,
  recordOutputsSchema,
} from "./schemas";
import type { AlwaysdataProvider } from "./settings";

/**
 * Check and diff of a record. Zone, type and name replace (the API cannot move a record), compared in canonical
 * form (`www` and `www.example.com.` are the same name); value, TTL, priority, annotation and the provider
 * version update in place; `adopt` only matters on create. When the replacement keeps zone and name (a type
 * change), the old record is deleted first, since a CNAME cannot coexist with another record of the same name.
 */
const RECORD = alwaysdataResource({
  inputs: recordInputsSchema,
  state: recordOutputsSchema,
  stateProblem: "the stored state is not an AlwaysdataRecord's",
  label: (_props, verb, id) => `${verb} Alwaysdata record${id === undefined ? "" : ` ${id}`}`,
  what: (inputs) => recordLabel(inputs.zone, hostOfInputs(inputs), inputs.type),
  rules: recordRules,
  diff: {
    fields: ["zone", "type", "name", "value", "ttl", "priority", "annotation", "providerVersion"],
    replaceOn: ["zone", "type", "name"],
    same: {
      zone: (olds, news) => normaliseZone(String(olds.zone ?? "")) === normaliseZone(String(news.zone ?? "")),
      name: (olds, news) => rawHost(olds) === rawHost(news),
    },
    deleteBeforeReplace: (replaces) =>
      replaces.length > 0 && !replaces.includes("zone") && !replaces.includes("name"),
  },
});

/**
 * The account's domain named `zone` (`GET /v1/domain/`), or an error listing the domains there are.
 * @see https://api.alwaysdata.com/doc/
 */
async function findDomain(client: AlwaysdataClient, op: string, zone: string): Promise<ApiDomain> {
  const schema = apiDomainListSchema(client.z);
  const { data } = await client.request({ op, method: "GET", path: "/domain/", schema });
  const wanted = normaliseZone(zone);
  const domain = data.find((d) => normaliseZone(d.name) === wanted);
  if (domain === undefined) {
    const known = data.map((d) => d.name).join(", ");
    throw providerError(
      "Alwaysdata",
      `${op}: zone "${wanted}" is not a domain of this Alwaysdata account (domains: ${known === "" ? "none" : known}); add it in the Alwaysdata admin first or fix \`zone\`.`,
    );
  }
  return domain;
}

/** The records of one domain (`GET /v1/record/?domain=<id>`), filtered again in case the API ignores it. */
async function listRecords(client: AlwaysdataClient, op: string, domainId: number): Promise<ApiRecord[]> {
  const path = `/record/?domain=${domainId}`;
  const { data } = await client.request({ op, method: "GET", path, schema: apiRecordListSchema(client.z) });
  return data.map(fromApiRecord).filter((r) => r.domainId === undefined || r.domainId === domainId);
}

/**
 * `POST /v1/record/` → 201. The real API answers with an empty body and a `Location` header; a JSON body
 * with an `id` is accepted too. `undefined` when neither names the new record.
 */
async function postRecord(client: AlwaysdataClient, op: string, body: RecordPayload) {
  const schema = apiCreatedSchema(client.z);
  const reply = await client.request({ op, method: "POST", path: "/record/", body, schema });
  return createdRecordId(reply.data, reply.location);
}

/** `PUT /v1/record/{id}/` with the full record. */
async function putRecord(client: AlwaysdataClient, op: string, id: number, body: RecordPayload) {
  await client.request({ op, method: "PUT", path: `/record/${id}/`, body });
}

/** The record with exactly these name, type and value, newest first (after a lost or id-less POST). */
async function findCreated(client: AlwaysdataClient, op: string, domainId: number, inputs: RecordInputs) {
  const host = hostOfInputs(inputs);
  const matching = matchingRecords(await listRecords(client, op, domainId), inputs.zone, host, {
    ...inputs,
    adopt: false,
  });
  const exact = matching.filter((r) => sameValue(inputs.type, r.value, inputs.value));
  return exact.sort((a, b) => b.id - a.id)[0]?.id;
}

/**
 * POSTs the record and returns its id. A POST is not retried blindly: after a lost response (or a 201 that
 * names no record) the record is looked up first, and created again only if it is not there.
 */
async function createNew(client: AlwaysdataClient, op: string, domainId: number, inputs: RecordInputs) {
  const payload = toRecordPayload(domainId, hostOfInputs(inputs), inputs);
  const lookup = () => findCreated(client, op, domainId, inputs);
  const posted = await createOnce({
    attempts: 2,
    delayMs: () => 0,
    create: () => postRecord(client, op, payload),
    lookup,
  });
  const id = posted ?? (await lookup());
  if (id === undefined) {
    throw providerError(
      "Alwaysdata",
      `${op}: POST /v1/record/ answered 201 but the new record could not be found.`,
    );
  }
  return id;
}

/** `create`: refuses (or, with `adopt`, takes over) a matching existing record, else creates it. */
async function createRecord(
  client: AlwaysdataClient,
  op: string,
  inputs: RecordInputs,
): Promise<RecordOutputs> {
  const host = hostOfInputs(inputs);
  const domain = await findDomain(client, op, inputs.zone);
  const existing = matchingRecords(await listRecords(client, op, domain.id), inputs.zone, host, inputs);
  if (existing.length === 0) {
    const recordId = await createNew(client, op, domain.id, inputs);
    return toRecordOutputs(inputs, { recordId, domainId: domain.id }, host);
  }
  const adopted = recordToAdopt(op, inputs, existing);
  if (takeoverNeedsUpdate(adopted, inputs)) {
    await putRecord(client, op, adopted.id, toRecordPayload(domain.id, host, inputs));
  }
  return toRecordOutputs(inputs, { recordId: adopted.id, domainId: domain.id }, host);
}

/**
 * The record by id, else the single record with the same name (either form), type (and value for
 * multi-valued types); `undefined` when it is gone.
 */
async function findRecord(client: AlwaysdataClient, op: string, id: string, stored: RecordOutputs) {
  const records = await listRecords(client, op, stored.domainId);
  const byKey = matchingRecords(records, stored.zone, hostOfInputs(stored), { ...stored, adopt: false });
  return records.find((r) => String(r.id) === id) ?? (byKey.length === 1 ? byKey[0] : undefined);
}

/** The dynamic provider behind {@link AlwaysdataRecord}. */
export const recordProvider: AlwaysdataProvider = {
  ...providerMethods(RECORD),

  async create(raw) {
    const { inputs, op, client } = await begin(this, "create", raw, RECORD);
    const outs = await createRecord(client, op, inputs);
    return { id: String(outs.recordId), outs };
  },

  /** Type, name, value, TTL, priority and annotation are refreshed; a field the user left unset stays unset. */
  async read(id, props) {
    const { state, op, client } = await beginFromState(this, "read", props ?? {}, RECORD, id);
    const found = await findRecord(client, op, id, state);
    if (found === undefined) return {};
    const inputs = refreshedInputs(inputsOf(state), found);
    const ids = { recordId: found.id, domainId: state.domainId };
    return { id: String(found.id), props: toRecordOutputs(inputs, ids, hostOfInputs(inputs)), inputs };
  },

  /** PUTs the full record when value, TTL, priority or annotation changed; otherwise sends nothing. */
  async update(id, olds, news) {
    const { z, inputs, op, client } = await begin(this, "update", news, RECORD, id);
    const stored = parseState(z, olds, RECORD, "update", id);
    const ids = { recordId: Number(id), domainId: stored.domainId };
    const host = hostOfInputs(inputs);
    if (changedFields(stored, inputs).length > 0) {
      await putRecord(client, op, ids.recordId, toRecordPayload(stored.domainId, host, inputs));
    }
    return { outs: toRecordOutputs(inputs, ids, host) };
  },

  /** A 404 means the record is already gone, which is the goal. */
  async delete(id, props) {
    const { op, client } = await beginFromState(this, "delete", props, RECORD, id);
    await client.remove({ op, path: `/record/${id}/` });
  },
};

/** A fresh provider object (its own session once configured). */
export const createRecordProvider = (): AlwaysdataProvider => ({ ...recordProvider });
