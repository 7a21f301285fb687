import { domainByName } from "./domains";
import { isReply, NOT_FOUND, type Reply } from "./http";
import { type EmulatedRecord, insertRecord, type State } from "./store";

const RECORD_TYPES = ["A", "AAAA", "ALIAS", "CAA", "CNAME", "DS", "MX", "NS", "PTR", "SRV", "TXT"];

/** A record as the API shows it: its domain as a link, and its own `href`. */
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

/** `GET /v1/record/[?domain=ID]`: every record, or those of one domain. */
export const listRecords = (state: State, domain: string | null): Reply => {
  const records = [...state.records.values()].filter((r) => domain === null || String(r.domain) === domain);
  return { status: 200, body: records.map(publicRecord) };
};

/** `POST /v1/record/`: 201 with a `Location` and, like the real API, an empty body (unless asked for JSON). */
export const createRecordReply = (state: State, raw: string, origin: string): Reply => {
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
  const record = insertRecord(state, fields);
  const location = `${origin}/v1/record/${record.id}/`;
  const body = state.options.createResponse === "json" ? publicRecord(record) : undefined;
  return { status: 201, body, headers: { Location: location } };
};

/** `GET`, `PUT` and `DELETE /v1/record/{id}/`; 404 for an unknown ID, 405 for another method. */
export const recordByIdReply = (state: State, method: string, id: number, raw: string): Reply => {
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

/** What a test may give to add a record by hand (as if made in the admin). */
export interface HandMadeRecord {
  zone: string;
  type: string;
  name: string;
  value: string;
  ttl?: number;
}

/** Adds a record directly, without the API (as if made by hand in the admin), returning a copy. */
export function addRecordByHand(state: State, record: HandMadeRecord): EmulatedRecord {
  const stored = insertRecord(state, {
    domain: domainByName(state, record.zone).id,
    type: record.type,
    name: record.name,
    value: record.value,
    ttl: record.ttl ?? 300,
    priority: null,
    annotation: "",
  });
  return { ...stored };
}
