/**
 * Record names for the Alwaysdata DNS API.
 *
 * Public clients disagree on the form of `name`: lego sends a fully qualified name with a trailing dot
 * (`_acme-challenge.www.example.com.`), the Ansible module a host name relative to the zone (`www`).
 * paasenv accepts both on input, always *sends* the relative host name (empty string for the apex) and,
 * when reading, matches a record whose stored name is in either form. See docs/providers.md.
 *
 * Everything here is pure: the record provider captures these functions by value when it is serialized.
 */

/** The outcome of normalising a record name: the relative host, or why the name is not usable. */
export type HostResult = { ok: true; host: string } | { ok: false; reason: string };

/** One DNS label (letters, digits, `_` and inner `-`, at most 63 characters) or the wildcard `*`. */
const LABEL_RE = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * The canonical form of a zone name: trimmed, lower case, without trailing dot.
 * @example normaliseZone(" Example.COM. ") // "example.com"
 */
export const normaliseZone = (zone: string): string => zone.trim().toLowerCase().replace(/\.+$/, "");

/** Why a relative host name is not a valid record name, or `undefined` when it is. */
const invalidHostReason = (host: string, zone: string): string | undefined => {
  const labels = host.split(".");
  const bad = labels.find((label, index) => !(LABEL_RE.test(label) || (label === "*" && index === 0)));
  if (bad !== undefined) {
    return `label "${bad}" is not a valid DNS label (letters, digits, "_" and inner "-", at most 63 characters; "*" only first)`;
  }
  if (host.length + zone.length + 1 > 253) {
    return `"${host}.${zone}" is longer than 253 characters`;
  }
  return undefined;
};

/**
 * Turns a record name given in any accepted form into the host name relative to `zone`.
 *
 * - `""`, `"@"`, `"example.com"` and `"example.com."` are the apex (`""`);
 * - `"www.example.com."` and `"www.example.com"` (the zone as suffix) become `"www"`;
 * - a name without the zone as suffix is already relative (`"www"`, `"a.b"`);
 * - a name with a trailing dot outside the zone is refused.
 *
 * A relative name that itself ends with the zone (a record literally named `example.com.example.com`)
 * cannot be expressed; write it fully qualified with a trailing dot instead.
 */
export const normaliseRecordName = (zone: string, name: string): HostResult => {
  const apex = normaliseZone(zone);
  const raw = name.trim().toLowerCase();
  if (raw === "" || raw === "@" || raw === `@.${apex}` || raw === `@.${apex}.`) {
    return { ok: true, host: "" };
  }
  const fullyQualified = raw.endsWith(".");
  const bare = raw.replace(/\.$/, "");
  if (bare === apex) {
    return { ok: true, host: "" };
  }
  if (!bare.endsWith(`.${apex}`) && fullyQualified) {
    return {
      ok: false,
      reason: `"${name}" ends with a dot, so it is a fully qualified name, but it is not inside zone "${apex}"`,
    };
  }
  const host = bare.endsWith(`.${apex}`) ? bare.slice(0, -(apex.length + 1)) : bare;
  const reason = invalidHostReason(host, apex);
  return reason === undefined ? { ok: true, host } : { ok: false, reason: `"${name}": ${reason}` };
};

/**
 * The relative host a record name stands for, or `undefined` when it is not usable in `zone`
 * (used to match records read back from the API, whatever form their name was written in).
 */
export const hostOf = (zone: string, name: string | null | undefined): string | undefined => {
  const result = normaliseRecordName(zone, name ?? "");
  return result.ok ? result.host : undefined;
};

/**
 * The fully qualified name of a host in a zone, without trailing dot.
 * @example fqdnOf("example.com", "www") // "www.example.com"
 */
export const fqdnOf = (zone: string, host: string): string => {
  const apex = normaliseZone(zone);
  return host === "" ? apex : `${host}.${apex}`;
};
