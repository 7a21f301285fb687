/**
 * The `paasenv` package's entry (`import { AppEnvironment, loadConfig } from "paasenv"`): the components a
 * program declares and the stack config they are built from. The provider resources are `paasenv/scalingo` and
 * `paasenv/alwaysdata`; the emulators for a team's own tests are `paasenv/emulator`. See docs/design.md.
 *
 * @example
 * ```ts
 * import { AppEnvironment, loadConfig } from "paasenv";
 * const environment = new AppEnvironment("paasenv", loadConfig());
 * export = environment.outputs();
 * ```
 */
export { AppEnvironment } from "./app-environment";
export { ConfigError } from "./config/errors";
export { type ConfigSource, checkedConfig, loadConfig } from "./config/load";
export { parseStackConfig, type StackConfig, type StackConfigInput } from "./config/schema";
export { CustomDomain, type CustomDomainArgs } from "./custom-domain";
export {
  alwaysdataDns,
  type Dns,
  type DnsRecord,
  type DnsRecordArgs,
  dnsFor,
  manualDns,
  scalewayDns,
} from "./dns/adapters";
export { ObjectStorage, type ObjectStorageArgs } from "./object-storage";
