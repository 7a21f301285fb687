/**
 * `paasenv validate <stack…>`: validate the `paasenv:` keys of committed `Pulumi.<stack>.yaml` files exactly as
 * the program does before declaring anything (the same zod schema and review rules), from the files alone: no
 * passphrase, no backend, no Pulumi CLI, no API call. Encrypted (`secure:`) values are not decrypted: a secret
 * leaf counts as a present string; a key encrypted as a whole is reported as not checked. This is what
 * pull-request jobs run on the production configuration, which they may not decrypt (docs/safety.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../components/config/load";
import type { StackConfig } from "../components/config/schema";
import { cliError, messageOf } from "./lib/errors";
import { parseStackName } from "./lib/parse";
import { stackConfigBlock } from "./lib/stack-config";
import type { CommandContext } from "./program";

/** What a secret leaf stands for while validating: a non-empty string, its value unknown. */
export const SECRET_PLACEHOLDER = "[secret]";

/** Whether `node` is exactly an encrypted value (`{secure: "v1:…"}`). */
function isSecure(node: unknown): boolean {
  return node !== null && typeof node === "object" && !Array.isArray(node) && "secure" in node;
}

/** `node` with every encrypted leaf replaced by {@link SECRET_PLACEHOLDER}. */
function blindSecrets(node: unknown): unknown {
  if (isSecure(node)) return SECRET_PLACEHOLDER;
  if (Array.isArray(node)) return node.map(blindSecrets);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, blindSecrets(value)]));
}

/**
 * The flat configuration a program would see (full key → string, objects as JSON), from a stack file's text;
 * `encrypted` lists the keys encrypted as a whole, left out.
 */
export function configFromFile(
  text: string,
  fileName: string,
): { values: Record<string, string>; encrypted: string[] } {
  const values: Record<string, string> = {};
  const encrypted: string[] = [];
  for (const [key, raw] of Object.entries(stackConfigBlock(text, fileName))) {
    if (isSecure(raw)) {
      encrypted.push(key);
      continue;
    }
    const value = blindSecrets(raw);
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { values, encrypted };
}

/** A stack file read and validated as the program would: its values, its config, and the warnings. */
export interface ValidatedStackFile {
  fileName: string;
  /** Every key as the program would see it (secret leaves as {@link SECRET_PLACEHOLDER}). */
  values: Record<string, string>;
  /** The keys encrypted as a whole, left out of `values`. */
  encrypted: string[];
  /** Whether Pulumi would hold `key` secret. */
  isSecret: (key: string) => boolean;
  config: StackConfig;
  warnings: string[];
}

/**
 * Reads and validates one stack file; throws the configuration's problems, prefixed with the file name (a
 * missing file with the `command` that looked for it).
 */
export function loadStackFile(dir: string, stack: string, command: string): ValidatedStackFile {
  const fileName = `Pulumi.${stack.split("/").at(-1) ?? stack}.yaml`;
  const file = path.join(dir, fileName);
  if (!fs.existsSync(file)) throw cliError(`${command}: there is no ${fileName} in ${dir}`);
  const text = fs.readFileSync(file, "utf8");
  const { values, encrypted } = configFromFile(text, fileName);
  const warnings: string[] = [];
  // Pulumi holds a key secret as a whole as soon as one of its values is `secure:`.
  const isSecret = (key: string) =>
    encrypted.includes(key) || (values[key] ?? "").includes(SECRET_PLACEHOLDER);
  try {
    const config = loadConfig({
      all: values,
      isSecret,
      stackFile: text,
      warn: (message) => warnings.push(`${fileName}: warning: ${message}`),
    });
    return { fileName, values, encrypted, isSecret, config, warnings };
  } catch (error) {
    throw cliError(`${fileName}: ${messageOf(error)}`);
  }
}

/** Validates one stack file; the line to print, or throws the configuration's problems. */
export function validateStackFile(dir: string, stack: string): string {
  const { fileName, values, encrypted, warnings } = loadStackFile(dir, stack, "validate");
  const keys = Object.keys(values).filter((key) => key.startsWith("paasenv:")).length;
  const skipped = encrypted.filter((key) => key.startsWith("paasenv:"));
  const note = skipped.length === 0 ? "" : `; not checked (encrypted as a whole): ${skipped.join(", ")}`;
  return [...warnings, `${fileName}: valid (${keys} paasenv keys${note})`].join("\n");
}

/** Registers `validate`. */
export function registerValidate(program: Command, context: CommandContext): void {
  program
    .command("validate")
    .description(
      "validate stack files' paasenv: keys as the program does, with no passphrase, backend or API (for pull requests)",
    )
    .argument("<stacks...>", "the stacks whose Pulumi.<stack>.yaml to validate (e.g. staging production)")
    .action((stacks: string[], _opts: unknown, command: Command) => {
      const { cwd } = context.globals(command);
      const failures: string[] = [];
      for (const stack of stacks.map(parseStackName)) {
        try {
          context.io.stdout(`${validateStackFile(cwd, stack)}\n`);
        } catch (error) {
          failures.push(messageOf(error));
        }
      }
      if (failures.length > 0) throw cliError(failures.join("\n"));
    });
}
