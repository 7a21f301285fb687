/** The real Pulumi CLI for tests: see cli/lib/pulumi-cli.ts. */
export { ensurePulumiCli, pulumiCommand, pulumiEnv } from "../../cli/lib/pulumi-cli";
