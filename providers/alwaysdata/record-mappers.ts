/**
 * Pure mappers of the `AlwaysdataRecord` resource: its rules across fields, the mapping between its
 * inputs/outputs and the Alwaysdata API payloads, and which existing records it clashes with or adopts.
 * @see https://api.alwaysdata.com/doc/
 */
import { providerError } from "../base/errors";
import { type Bag, compact, type Failure, UNKNOWN } from "../base/inputs";
import { fqdnOf, hostOf, normaliseRecordName, normaliseZone } from "./names";
import { type ApiRecordBody, isRecordType, type RecordInputs, type RecordOutputs } from "./schemas";

/** Rules across fields, skipping unknown values: the name must fit the zone; MX and SRV records need a priority. */
export function recordRules(inputs: Bag): Failure[] {
  const failures: Failure[] = [];
  const { zone, name, type, priority } = inputs;
  if (typeof zone === "string" && typeof name === "string" && zone !== UNKNOWN && name !== UNKNOWN) {
    const result = normaliseRecordName(zone, name);
    if (!result.ok) failures.push({ property: "name", reason: `\`name\`: ${result.reason}` });
  }
  if ((type === "MX" || type === "SRV") && priority === undefined) {
    failures.push({ property: "priority", reason: `\`priority\` is required for ${type} records` });
  }
  return failures;
}

/** The relative host of raw `zone`/`name` values, for comparison. */
export const rawHost = (props: Bag): string | undefined =>
  hostOf(String(props.zone ?? ""), typeof props.name === "string" ? props.name : "");

/** The relative host of validated inputs (`check` already refused names outside the zone). */
export const hostOfInputs = (inputs: Pick<RecordInputs, "zone" | "name">): string =>
  hostOf(inputs.zone, inputs.name) ?? "";

/** Body of `POST /v1/record/` and `PUT /v1/record/{id}/`. */
export interface RecordPayload {
  domain: number;
  type: string;
  /** Relative host name, `""` for the apex. */
  name: string;
  value: string;
  ttl?: number;
  priority?: number;
  annotation?: string;
}

/** A record read from the API, with `domain` reduced to an id and nulls to `undefined`. */
export interface ApiRecord {
  id: number;
  domainId: number | undefined;
  type: string;
  /** The name as stored, in whatever form it was written (relative or fully qualified). */
  name: string;
  value: string;
  ttl: number | undefined;
  priority: number | undefined;
  annotation: string | undefined;
}

/** Record types holding a single value per name: a second record with the same name is a clash. */
export const SINGLE_VALUED_TYPES: readonly string[] = ["CNAME", "ALIAS"];

/** Record types whose value is a host name (compared without case and trailing dot when reading). */
const HOST_VALUED_TYPES: readonly string[] = ["CNAME", "ALIAS", "MX", "NS", "PTR", "SRV"];

/** The request body for a record; optional fields are left out when unset. */
export const toRecordPayload = (domainId: number, host: string, inputs: RecordInputs): RecordPayload => ({
  domain: domainId,
  type: inputs.type,
  name: host,
  value: inputs.value,
  ...(inputs.ttl === undefined ? {} : { ttl: inputs.ttl }),
  ...(inputs.priority === undefined ? {} : { priority: inputs.priority }),
  ...(inputs.annotation === undefined ? {} : { annotation: inputs.annotation }),
});

/** The numeric id in a reference such as `12`, `"12"`, `{ id: 12 }` or `{ href: "/v1/domain/12/" }`. */
export const idFromRef = (ref: ApiRecordBody["domain"]): number | undefined => {
  if (typeof ref === "number") {
    return ref;
  }
  const text = typeof ref === "string" ? ref : (ref?.href ?? (ref?.id === undefined ? "" : String(ref.id)));
  const match = /(\d+)\/?$/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** A parsed API record, normalised. */
export const fromApiRecord = (body: ApiRecordBody): ApiRecord => ({
  id: body.id,
  domainId: idFromRef(body.domain),
  type: body.type,
  name: body.name ?? "",
  value: body.value,
  ttl: body.ttl ?? undefined,
  priority: body.priority ?? undefined,
  annotation: body.annotation ?? undefined,
});

/**
 * The id of a record just created: from a JSON body (`{ id }`) or from the `Location` header
 * (`https://api.alwaysdata.com/v1/record/123/`), which is all the real API returns.
 */
export const createdRecordId = (body: unknown, location: string | undefined): number | undefined => {
  if (typeof body === "object" && body !== null && "id" in body && typeof body.id === "number") {
    return body.id;
  }
  const match = /\/record\/(\d+)\/?(?:[?#].*)?$/.exec(location ?? "");
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** Whether two record values are the same, ignoring case and a trailing dot for host-valued types. */
export const sameValue = (type: string, a: string, b: string): boolean => {
  if (!HOST_VALUED_TYPES.includes(type)) {
    return a === b;
  }
  const canonical = (v: string) => v.trim().toLowerCase().replace(/\.$/, "");
  return canonical(a) === canonical(b);
};

/**
 * Existing records that a new record would take over (with `adopt`) or clash with (without it):
 * same zone, host (either name form) and type; for multi-valued types (A, TXT, MX, …) only those
 * with the same value, or, when adopting, the single record of that name and type.
 */
export const matchingRecords = (
  records: readonly ApiRecord[],
  zone: string,
  host: string,
  inputs: Pick<RecordInputs, "type" | "value" | "adopt">,
): ApiRecord[] => {
  const sameKey = records.filter((r) => r.type === inputs.type && hostOf(zone, r.name) === host);
  if (SINGLE_VALUED_TYPES.includes(inputs.type)) {
    return sameKey;
  }
  const sameValued = sameKey.filter((r) => sameValue(inputs.type, r.value, inputs.value));
  return sameValued.length === 0 && inputs.adopt && sameKey.length === 1 ? sameKey : sameValued;
};

/** Fields that are sent to the API and can be changed in place (everything else replaces). */
export const UPDATABLE_FIELDS = ["value", "ttl", "priority", "annotation"] as const;

/** The updatable fields whose values differ between two records. */
export const changedFields = (
  olds: Pick<RecordInputs, (typeof UPDATABLE_FIELDS)[number]>,
  news: Pick<RecordInputs, (typeof UPDATABLE_FIELDS)[number]>,
): string[] => UPDATABLE_FIELDS.filter((field) => olds[field] !== news[field]);

/** Full outputs: the inputs (without `__provider`) plus the ids and the fully qualified name. */
export const toRecordOutputs = (
  inputs: RecordInputs,
  ids: { recordId: number; domainId: number },
  host: string,
): RecordOutputs =>
  compact({ ...inputs, recordId: ids.recordId, domainId: ids.domainId, fqdn: fqdnOf(inputs.zone, host) });

/** The inputs part of stored outputs. */
export const inputsOf = (outputs: RecordOutputs): RecordInputs => ({
  zone: outputs.zone,
  name: outputs.name,
  type: outputs.type,
  value: outputs.value,
  ttl: outputs.ttl,
  priority: outputs.priority,
  annotation: outputs.annotation,
  adopt: outputs.adopt,
  providerVersion: outputs.providerVersion,
});

/**
 * The stored inputs refreshed from a record read back. Type and name are taken from the API only when they
 * really changed (a name in the other form is the same name), so the next `diff` replaces the record; a
 * field the user left unset stays unset (so the API's default TTL causes no diff), and a host value
 * differing only by case or trailing dot is kept.
 */
export const refreshedInputs = (stored: RecordInputs, remote: ApiRecord): RecordInputs => {
  const remoteHost = hostOf(stored.zone, remote.name);
  const renamed = remoteHost !== undefined && remoteHost !== hostOf(stored.zone, stored.name);
  return compact({
    ...stored,
    type: isRecordType(remote.type) ? remote.type : stored.type,
    name: renamed ? remote.name : stored.name,
    value: sameValue(stored.type, stored.value, remote.value) ? stored.value : remote.value,
    ...(stored.ttl === undefined ? {} : { ttl: remote.ttl }),
    ...(stored.priority === undefined ? {} : { priority: remote.priority }),
    ...(stored.annotation === undefined ? {} : { annotation: remote.annotation }),
  });
};

/** A label for messages: `record "www.example.com" (CNAME)`. */
export const recordLabel = (zone: string, host: string | undefined, type: string): string =>
  `record "${host === undefined ? normaliseZone(zone) : fqdnOf(zone, host)}" (${type})`;

/** Whether an adopted record differs from the inputs in a field the user set. */
export const takeoverNeedsUpdate = (remote: ApiRecord, inputs: RecordInputs): boolean =>
  !sameValue(inputs.type, remote.value, inputs.value) ||
  (inputs.ttl !== undefined && inputs.ttl !== remote.ttl) ||
  (inputs.priority !== undefined && inputs.priority !== remote.priority) ||
  (inputs.annotation !== undefined && inputs.annotation !== remote.annotation);

/** The one existing record to take over, or the error explaining the clash. */
export const recordToAdopt = (
  operation: string,
  inputs: RecordInputs,
  existing: readonly ApiRecord[],
): ApiRecord => {
  const listing = existing.map((r) => `id ${r.id}, name "${r.name}", value "${r.value}"`).join("; ");
  if (!inputs.adopt) {
    throw providerError(
      "Alwaysdata",
      `${operation}: a matching record already exists in zone "${inputs.zone}" (${listing}). Set \`adopt: true\` to take it over (paasenv then manages it and deletes it with the stack), or delete it in Alwaysdata first.`,
    );
  }
  const [only, ...others] = existing;
  if (only === undefined || others.length > 0) {
    throw providerError(
      "Alwaysdata",
      `${operation}: cannot adopt, ${existing.length} records match (${listing}); delete the duplicates in Alwaysdata first.`,
    );
  }
  return only;
};
