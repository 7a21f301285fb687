/**
 * Alwaysdata DNS records, as a program declares them (`record.ts`); the provider host runs
 * `record-provider.ts` through `../index.ts`'s registry. See docs/providers.md for the record-name form and the
 * DNS adapter the components use.
 */
export { ALWAYSDATA_PROVIDER_VERSION, AlwaysdataRecord, type AlwaysdataRecordArgs } from "./record";
export { RECORD_TYPES, type RecordInputs, type RecordOutputs, type RecordType } from "./schemas";
