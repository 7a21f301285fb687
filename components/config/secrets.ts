/**
 * Secrets in the stack config: `paasenv:secretEnv` must be encrypted (`secure:`), and a secret-looking
 * variable under `paasenv:env` (which Pulumi keeps in clear in the stack file and in state) is refused in
 * production and warned about elsewhere. Pure functions; values are never echoed, they may be credentials.
 */
import { parse as parseYaml } from "yaml";
import type { AddIssue } from "./errors";

/** Names that say "secret": `*SECRET*`, `*PASSWORD*`, `*PASSWD*`, and names ending in `_TOKEN`, `_KEY`, `_DSN`. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|(?:^|_)(?:TOKEN|KEY|DSN)$/i;
/** A URL carrying credentials: `scheme://user:password@host` or `scheme://token@host`. */
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+@/i;
/** A Scalingo alias (`$REDIS_URL`): it names another variable and holds no secret itself. */
const ALIAS = /^\$[A-Za-z0-9_]+$/;

/** Why a plain variable looks like a secret, or `undefined`. */
export function secretLooking(name: string, value: string): string | undefined {
  if (value === "" || ALIAS.test(value)) return undefined;
  if (URL_WITH_CREDENTIALS.test(value)) return "its value is a URL with credentials";
  if (SECRET_NAME.test(name)) return "its name says it is a secret";
  return undefined;
}

/** The secret-looking variables of `paasenv:env`, by name, with the reason. */
export function plainSecrets(env: Record<string, string>): { name: string; reason: string }[] {
  return Object.entries(env).flatMap(([name, value]) => {
    const reason = secretLooking(name, value);
    return reason === undefined ? [] : [{ name, reason }];
  });
}

const moveHint = (name: string) =>
  `move it to \`paasenv:secretEnv\`: \`pulumi config rm --path 'paasenv:env.${name}'\`, then ` +
  `\`pulumi config set --secret --path 'paasenv:secretEnv.${name}' <value>\``;

/** Production: a secret-looking `paasenv:env` variable is refused. */
export function checkPlainSecrets(env: Record<string, string>, issue: AddIssue): void {
  for (const { name, reason } of plainSecrets(env)) {
    issue(
      ["env", name],
      `looks like a secret (${reason}), and \`paasenv:env\` is kept in clear in the stack file and in ` +
        `Pulumi's state; in production, ${moveHint(name)}`,
    );
  }
}

/** Elsewhere: the same finding, as warnings to log. */
export function plainSecretWarnings(env: Record<string, string>): string[] {
  return plainSecrets(env).map(
    ({ name, reason }) =>
      `\`paasenv:env.${name}\` looks like a secret (${reason}), but \`paasenv:env\` is kept in clear in the ` +
      `stack file and in Pulumi's state; ${moveHint(name)} (production refuses it)`,
  );
}

/**
 * Why `paasenv:secretEnv` is not encrypted, or `undefined`. Pulumi says which *keys* hold a secret, not which
 * values: when no value of `paasenv:secretEnv` is `secure:`, the key is not secret and every value is in clear.
 * `plainInFile` lists the names found in clear in the stack file beside encrypted ones (see
 * {@link plainSecretEnvInFile}), which the key alone cannot reveal.
 */
export function secretEnvProblem(
  secretEnv: Record<string, string>,
  keyIsSecret: boolean,
  plainInFile: readonly string[] = [],
): string | undefined {
  const names = keyIsSecret ? [...plainInFile] : Object.keys(secretEnv);
  if (names.length === 0) return undefined;
  const list = names.map((name) => `\`${name}\``).join(", ");
  return (
    `\`paasenv:secretEnv\` holds values written in clear (${list}), not encrypted with \`secure:\`; set each ` +
    "with `pulumi config set --secret --path 'paasenv:secretEnv.<NAME>' <value>` (and rotate any value " +
    "that was committed in clear)"
  );
}

/**
 * The `paasenv:secretEnv` names a stack file (`Pulumi.<stack>.yaml`, as text) holds in clear, keeping only
 * those whose value is the one the program received (so a stale or unrelated file accuses nothing).
 */
export function plainSecretEnvInFile(fileText: string, received: Record<string, string>): string[] {
  let parsed: unknown;
  try {
    parsed = parseYaml(fileText);
  } catch {
    return [];
  }
  const config = objectAt(parsed, "config");
  const secretEnv = config === undefined ? undefined : objectAt(config, "paasenv:secretEnv");
  // `{ secure: … }` at the top: the whole object is one encrypted value.
  if (secretEnv === undefined || "secure" in secretEnv) return [];
  return Object.entries(secretEnv)
    .filter(([name, value]) => typeof value === "string" && received[name] === value)
    .map(([name]) => name);
}

function objectAt(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const inner = value[key];
  return isRecord(inner) ? inner : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
