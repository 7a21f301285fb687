/**
 * Provider settings (`scalingo:*`, `alwaysdata:*`) read strictly: each setting declares its kind, and a value
 * of the wrong kind, or an unknown key, is an error naming the key, the value and what is allowed, instead of
 * a silent fallback. The providers check the values they read (stack config or environment) in `configure`;
 * the program checks every key of the namespaces before any resource is declared. Pure functions.
 */

/** What a setting holds. `text`: any string; blank is "unset" for every kind. */
export type SettingKind =
  | { type: "text" }
  | { type: "url" }
  | { type: "boolean" }
  | { type: "integer"; min: number }
  | { type: "enum"; values: readonly string[] };

/** One setting: its stack-config key (without the namespace), its environment variable, its kind. */
export interface SettingSpec {
  env?: string;
  kind: SettingKind;
  /** Set it with `--secret` (documentation and messages only). */
  secret?: boolean;
}

/** The settings of one provider namespace. */
export type SettingSpecs = Readonly<Record<string, SettingSpec>>;

/** The text as a value, blank as unset. */
export function nonBlank(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
}

/** What `kind` allows, for messages. */
export function allowedFor(kind: SettingKind): string {
  switch (kind.type) {
    case "text":
      return "any text";
    case "url":
      return "an http:// or https:// URL";
    case "boolean":
      return "true or false";
    case "integer":
      return `a whole number from ${kind.min}`;
    case "enum":
      return `one of ${kind.values.join(", ")}`;
  }
}

/** Whether the (non-blank) `text` is a value of `kind`. */
export function fitsKind(kind: SettingKind, text: string): boolean {
  switch (kind.type) {
    case "text":
      return true;
    case "url":
      return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
    case "boolean":
      return text === "true" || text === "false";
    case "integer":
      return /^[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) >= kind.min;
    case "enum":
      return kind.values.includes(text);
  }
}

/** Why `raw` is not a value of `kind`, named `where` (`` `scalingo:httpRetries` ``), or `undefined`. */
export function settingProblem(
  where: string,
  kind: SettingKind,
  raw: string | undefined,
): string | undefined {
  const text = nonBlank(raw);
  if (text === undefined || fitsKind(kind, text)) return undefined;
  return `${where} must be ${allowedFor(kind)} (got ${JSON.stringify(raw)})`;
}

/**
 * Why `key` (`scalingo:apitoken`) is not a setting of `namespace`, or `undefined`: a typo is named with the
 * setting it most likely meant (same letters in another case) and the list of settings.
 */
export function unknownSettingProblem(
  namespace: string,
  key: string,
  specs: SettingSpecs,
): string | undefined {
  const name = key.slice(namespace.length + 1);
  if (name in specs) return undefined;
  const known = Object.keys(specs);
  const meant = known.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const hint = meant === undefined ? "a typo?" : `a typo? did you mean \`${namespace}:${meant}\``;
  const list = known.map((k) => `${namespace}:${k}`).join(", ");
  return `\`${key}\` is not a known \`${namespace}:\` setting (${hint}); allowed: ${list}`;
}

/** Every problem of the `namespace:*` keys of a stack config (Pulumi's flat map, values as strings). */
export function namespaceProblems(
  namespace: string,
  specs: SettingSpecs,
  all: Readonly<Record<string, string>>,
): string[] {
  return Object.entries(all).flatMap(([key, value]) => {
    if (!key.startsWith(`${namespace}:`)) return [];
    const spec = specs[key.slice(namespace.length + 1)];
    const problem =
      spec === undefined
        ? unknownSettingProblem(namespace, key, specs)
        : settingProblem(`\`${key}\``, spec.kind, value);
    return problem === undefined ? [] : [problem];
  });
}

/**
 * The value of one setting, from stack config (`get`) or else the environment; problems go to `problems`
 * (naming the key or the variable) and read as unset.
 */
export function readSetting(
  namespace: string,
  name: string,
  spec: SettingSpec,
  sources: { get: (key: string) => string | undefined; env: Readonly<Record<string, string | undefined>> },
  problems: string[],
): string | undefined {
  const fromConfig = nonBlank(sources.get(`${namespace}:${name}`));
  const raw = fromConfig ?? (spec.env === undefined ? undefined : sources.env[spec.env]);
  const where =
    fromConfig !== undefined ? `\`${namespace}:${name}\`` : `\`${spec.env ?? name}\` (environment)`;
  const problem = settingProblem(where, spec.kind, raw);
  if (problem !== undefined) {
    problems.push(problem);
    return undefined;
  }
  return nonBlank(raw);
}
