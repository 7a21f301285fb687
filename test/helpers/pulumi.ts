/** The real Pulumi CLI for tests: see scripts/lib/pulumi-cli.ts. */
export { ensurePulumiCli, pulumiCommand, pulumiEnv } from "../../scripts/lib/pulumi-cli";
