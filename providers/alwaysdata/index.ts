/**
 * Alwaysdata DNS records as a Pulumi dynamic resource. See `README.md` for the record-name form and the
 * DNS adapter the components use.
 */
export {
  ALWAYSDATA_PROVIDER_VERSION,
  AlwaysdataRecord,
  type AlwaysdataRecordArgs,
  createRecordProvider,
} from "./record";
export { RECORD_TYPES, type RecordInputs, type RecordOutputs, type RecordType } from "./schemas";
