/**
 * Host names of custom domains and DNS zones, checked rule by rule so each message says which rule broke and
 * how to write the name instead: no scheme or path, ASCII (with the punycode form of an internationalised
 * name), lower case, labels of 1–63 letters, digits and inner hyphens, at most 253 characters, and never
 * Scalingo's own `scalingo.io`. Pure functions.
 * @see https://www.rfc-editor.org/rfc/rfc1035#section-2.3.4 (63 per label, 255 octets on the wire)
 */
import { domainToASCII } from "node:url";

/** The longest host name in text form (RFC 1035's 255 octets, less the length bytes). */
export const MAX_HOST_NAME = 253;
/** The longest label between two dots (RFC 1035). */
export const MAX_LABEL = 63;

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/** Why `name` is not a host name written the way paasenv wants it, or `undefined`. */
export function hostNameProblem(name: string): string | undefined {
  return formProblem(name) ?? lengthProblem(name) ?? labelProblem(name);
}

/** Why `name` cannot be a custom domain of an app, or `undefined`. */
export function customDomainProblem(name: string): string | undefined {
  const problem = hostNameProblem(name);
  if (problem !== undefined) return problem;
  if (name === "scalingo.io" || name.endsWith(".scalingo.io")) {
    return (
      "is a Scalingo domain: the app already answers on `<app>.<region>.scalingo.io` without it; list only " +
      "domains you own"
    );
  }
  return undefined;
}

/** Scheme, path, trailing dot, non-ASCII, upper case: each with the name to write instead. */
function formProblem(name: string): string | undefined {
  if (/[/:]/.test(name)) {
    const host = name.includes("://") && URL.canParse(name) ? new URL(name).hostname : name.split(/[/:]/)[0];
    const hint = host === undefined || host === "" ? "" : ` (write "${host}")`;
    return `must be a host name without a scheme, port or path${hint}`;
  }
  if (name.endsWith(".")) return `must not end with a dot (write "${name.replace(/\.+$/, "")}")`;
  if (/[^\x20-\x7e]/.test(name)) {
    const ascii = domainToASCII(name);
    return ascii === ""
      ? "must be written in ASCII letters, digits, hyphens and dots"
      : `must be written in ASCII: use its punycode form "${ascii}"`;
  }
  if (/[A-Z]/.test(name)) return `must be lower case (write "${name.toLowerCase()}")`;
  return undefined;
}

function lengthProblem(name: string): string | undefined {
  if (name.length > MAX_HOST_NAME) {
    return `must be at most ${MAX_HOST_NAME} characters long (it has ${name.length})`;
  }
  const long = name.split(".").find((label) => label.length > MAX_LABEL);
  if (long !== undefined) {
    return (
      `has a label of ${long.length} characters ("${long.slice(0, 12)}…"); each part between dots is at ` +
      `most ${MAX_LABEL}`
    );
  }
  return undefined;
}

function labelProblem(name: string): string | undefined {
  const labels = name.split(".");
  if (labels.length < 2) return `must have at least two parts, such as "example.com"`;
  if (labels.some((label) => label === "")) return "has an empty part (two dots in a row, or a leading dot)";
  const bad = labels.find((label) => !LABEL.test(label));
  if (bad !== undefined) {
    return (
      `has a part "${bad}" that is not a DNS label: only lower-case letters, digits and hyphens, not ` +
      "starting or ending with a hyphen"
    );
  }
  if (/^[0-9]+$/.test(labels.at(-1) ?? "")) return "must be a host name, not an IP address";
  return undefined;
}
