/**
 * paasenv's production gate, a Pulumi policy pack: `pulumi preview --policy-pack policy` (or `up`). Its rules
 * are mandatory when the stack's `paasenv:environment` is `production`, advisory elsewhere
 * (`environment.ts`); docs/production-gate.md lists them with the layer that owns each item of the checklist.
 *
 * `new PolicyPack` starts serving at once (it prints its port, which the engine reads): nothing else may be
 * imported from this file. The rules live in `policies.ts`.
 */
import { PolicyPack } from "@pulumi/policy";
import { catalogReader } from "./catalog";
import { enforcementFor, environmentOf, stackConfigOf } from "./environment";
import { gatePolicies } from "./policies";

const config = stackConfigOf(process.env);
const environment = environmentOf(config);

new PolicyPack("paasenv-production-gate", {
  enforcementLevel: enforcementFor(environment),
  policies: gatePolicies({ environment }, catalogReader(config, process.env)),
});
