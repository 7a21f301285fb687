/**
 * `AlwaysdataRecord`: one DNS record in a zone hosted by Alwaysdata, as a Pulumi dynamic resource.
 * @see https://api.alwaysdata.com/doc/
 */
import * as pulumi from "@pulumi/pulumi";
import type { AlwaysdataSettings, HttpModules } from "./http";
import { alwaysdataClient, resolveConnection } from "./http";
import { compact } from "./mappers";
import {
  checkRecord,
  diffRecord,
  parseRecordInputs,
  parseRecordOutputs,
  type RawProps,
} from "./record-check";
import { createRecord, readRecord, removeRecord, updateRecord } from "./record-crud";
import type { RecordType } from "./schemas";

/**
 * Version of the CRUD logic, stored as an input so that changing it updates every record (and so rewrites
 * the provider code kept in state, which `read` and `delete` run). Bump it when that logic changes.
 */
export const ALWAYSDATA_PROVIDER_VERSION = "1";

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

/** The provider object: the Pulumi dynamic-provider methods plus what `configure` read. */
export interface AlwaysdataRecordProvider extends pulumi.dynamic.ResourceProvider<RawProps, RawProps> {
  /** Stack config read by `configure`; never serialized with a value (the program never configures). */
  settings: AlwaysdataSettings | undefined;
  /** The npm modules a call needs, `require`d here at run time rather than captured. */
  modules(): HttpModules;
}

/**
 * A fresh provider object. Helpers are captured by value; npm modules are `require`d inside methods, and
 * credentials are read at run time (stack config in `configure`, else the environment), never captured.
 */
export const createRecordProvider = (): AlwaysdataRecordProvider => ({
  settings: undefined,
  modules() {
    return {
      axios: require("axios") as typeof import("axios"),
      axiosRetry: (require("axios-retry") as typeof import("axios-retry")).default,
      z: require("zod") as typeof import("zod"),
    };
  },
  async configure(req) {
    this.settings = {
      apiKey: req.config.get("alwaysdata:apiKey"),
      account: req.config.get("alwaysdata:account"),
      apiUrl: req.config.get("alwaysdata:apiUrl"),
    };
  },
  async check(_olds, news) {
    const result = checkRecord(this.modules().z, news);
    return result.inputs === undefined ? result : { inputs: compact(result.inputs) };
  },
  async diff(_id, olds, news) {
    return diffRecord(olds, news);
  },
  async create(raw) {
    const modules = this.modules();
    const inputs = parseRecordInputs(modules.z, raw, "create Alwaysdata record");
    const client = alwaysdataClient(modules, resolveConnection(this.settings, process.env));
    const outs = await createRecord(client, inputs);
    return { id: String(outs.recordId), outs };
  },
  async read(id, props) {
    const modules = this.modules();
    const stored = parseRecordOutputs(modules.z, props ?? {}, `read Alwaysdata record ${id}`);
    const client = alwaysdataClient(modules, resolveConnection(this.settings, process.env));
    const found = await readRecord(client, id, stored);
    return found === undefined ? {} : { id: found.id, props: found.outputs, inputs: found.inputs };
  },
  async update(id, olds, news) {
    const modules = this.modules();
    const stored = parseRecordOutputs(modules.z, olds, `update Alwaysdata record ${id}`);
    const inputs = parseRecordInputs(modules.z, news, `update Alwaysdata record ${id}`);
    const client = alwaysdataClient(modules, resolveConnection(this.settings, process.env));
    return { outs: await updateRecord(client, id, stored, inputs) };
  },
  async delete(id, props) {
    const modules = this.modules();
    const stored = parseRecordOutputs(modules.z, props, `delete Alwaysdata record ${id}`);
    await removeRecord(alwaysdataClient(modules, resolveConnection(this.settings, process.env)), id, stored);
  },
});

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
export class AlwaysdataRecord extends pulumi.dynamic.Resource {
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
    super(createRecordProvider(), name, props, opts, "alwaysdata", "Record");
  }
}
