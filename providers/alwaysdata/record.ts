/**
 * `AlwaysdataRecord`: one DNS record in a zone hosted by Alwaysdata, as a Pulumi dynamic resource.
 * @see https://api.alwaysdata.com/doc/
 */
import type * as pulumi from "@pulumi/pulumi";
import { PaasenvResource } from "../base/paasenv-resource";
import type { RecordType } from "./schemas";

/**
 * Version of the CRUD logic, stored as an input so that changing it updates every record (and so rewrites
 * the provider code kept in state, which `read` and `delete` run). Bump it when that logic changes.
 */
export const ALWAYSDATA_PROVIDER_VERSION = "2";

/** Arguments of {@link AlwaysdataRecord}. */
export interface AlwaysdataRecordArgs {
  /**
   * The zone: a domain of the Alwaysdata account, as listed in [Domains](https://admin.alwaysdata.com/domain/).
   * @example `"example.com"`
   */
  zone: pulumi.Input<string>;
  /**
   * The record name, relative to the zone (`"www"`) or fully qualified (`"www.example.com."`, trailing dot
   * optional). `""` or `"@"` is the apex. Changing it replaces the record.
   * @example `"www"`
   */
  name: pulumi.Input<string>;
  /**
   * The record type. Changing it replaces the record. Use `ALIAS` at the apex, where a CNAME is not allowed.
   * @example `"CNAME"`
   */
  type: pulumi.Input<RecordType>;
  /**
   * The record value, sent as given (for a CNAME to Scalingo: `"<app>.<region>.scalingo.io."`).
   * @example `"my-app.osc-fr1.scalingo.io."`
   */
  value: pulumi.Input<string>;
  /**
   * Time to live in seconds.
   * @default the Alwaysdata default (left out of the request)
   */
  ttl?: pulumi.Input<number>;
  /** Priority, required for `MX` and `SRV` records. */
  priority?: pulumi.Input<number>;
  /** A note shown in the Alwaysdata record listing. */
  annotation?: pulumi.Input<string>;
  /**
   * Take over an existing record with the same zone, name and type (and value, for multi-valued types
   * such as A or TXT) instead of failing. `pulumi import` does not work for dynamic resources.
   * @default `false`
   */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A DNS record in a zone hosted by Alwaysdata (type token `pulumi-nodejs:dynamic/alwaysdata:Record`).
 * The API key comes from `alwaysdata:apiKey` (secret stack config) or `ALWAYSDATA_API_KEY`, the account
 * from `alwaysdata:account` or `ALWAYSDATA_ACCOUNT`.
 *
 * @example
 * ```ts
 * new AlwaysdataRecord("www", {
 *   zone: "example.com",
 *   name: "www",
 *   type: "CNAME",
 *   value: "my-app.osc-fr1.scalingo.io.",
 * });
 * ```
 */
export class AlwaysdataRecord extends PaasenvResource {
  /** The Alwaysdata id of the record. */
  declare readonly recordId: pulumi.Output<number>;
  /** The Alwaysdata id of the zone's domain. */
  declare readonly domainId: pulumi.Output<number>;
  /** The record's fully qualified name, without trailing dot (`www.example.com`). */
  declare readonly fqdn: pulumi.Output<string>;

  constructor(name: string, args: AlwaysdataRecordArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      recordId: undefined,
      domainId: undefined,
      fqdn: undefined,
      ...args,
      providerVersion: ALWAYSDATA_PROVIDER_VERSION,
    };
    super("alwaysdata", "Record", name, props, opts);
  }
}
