/**
 * The Alwaysdata endpoints the record provider uses, one small function each.
 * @see https://api.alwaysdata.com/doc/
 */
import { type AlwaysdataClient, call } from "./http";
import { type ApiRecord, createdRecordId, fromApiRecord, type RecordPayload } from "./mappers";
import { normaliseZone } from "./names";
import { type ApiDomain, apiCreatedSchema, apiDomainListSchema, apiRecordListSchema } from "./schemas";

/**
 * The account's domain named `zone` (`GET /v1/domain/`), or an error listing the domains there are.
 * @see https://api.alwaysdata.com/doc/
 */
export const findDomain = async (
  client: AlwaysdataClient,
  operation: string,
  zone: string,
): Promise<ApiDomain> => {
  const { data } = await call(client, {
    operation,
    method: "GET",
    path: "/domain/",
    schema: apiDomainListSchema(client.modules.z),
  });
  const wanted = normaliseZone(zone);
  const domain = data.find((d) => normaliseZone(d.name) === wanted);
  if (domain === undefined) {
    const known = data.map((d) => d.name).join(", ");
    throw new Error(
      `${operation}: zone "${wanted}" is not a domain of this Alwaysdata account (domains: ${known === "" ? "none" : known}); add it in the Alwaysdata admin first or fix \`zone\`.`,
    );
  }
  return domain;
};

/**
 * The records of one domain (`GET /v1/record/?domain=<id>`), filtered again on our side in case the
 * API ignores the filter.
 */
export const listRecords = async (
  client: AlwaysdataClient,
  operation: string,
  domainId: number,
): Promise<ApiRecord[]> => {
  const { data } = await call(client, {
    operation,
    method: "GET",
    path: `/record/?domain=${domainId}`,
    schema: apiRecordListSchema(client.modules.z),
  });
  return data.map(fromApiRecord).filter((r) => r.domainId === undefined || r.domainId === domainId);
};

/**
 * `POST /v1/record/` → 201. The real API answers with an empty body and a `Location` header; a JSON
 * body with an `id` is accepted too. `undefined` when neither names the new record.
 */
export const postRecord = async (
  client: AlwaysdataClient,
  operation: string,
  payload: RecordPayload,
): Promise<number | undefined> => {
  const { data, headers } = await call(client, {
    operation,
    method: "POST",
    path: "/record/",
    body: payload,
    schema: apiCreatedSchema(client.modules.z),
  });
  const location = headers.location;
  return createdRecordId(data, typeof location === "string" ? location : undefined);
};

/** `PUT /v1/record/{id}/` with the full record. */
export const putRecord = async (
  client: AlwaysdataClient,
  operation: string,
  recordId: number,
  payload: RecordPayload,
): Promise<void> => {
  await call(client, {
    operation,
    method: "PUT",
    path: `/record/${recordId}/`,
    body: payload,
    schema: client.modules.z.unknown(),
  });
};

/** `DELETE /v1/record/{id}/` → 204; `false` when the record was already gone (404). */
export const deleteRecord = async (
  client: AlwaysdataClient,
  operation: string,
  recordId: number,
): Promise<boolean> => {
  try {
    await call(client, {
      operation,
      method: "DELETE",
      path: `/record/${recordId}/`,
      schema: client.modules.z.unknown(),
    });
    return true;
  } catch (error) {
    if (typeof error === "object" && error !== null && "status" in error && error.status === 404) {
      return false;
    }
    throw error;
  }
};
