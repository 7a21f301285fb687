import { createPrivateKey, X509Certificate } from "node:crypto";
import { MAX_DOMAINS } from "../../providers/scalingo/limits";
import { refreshUrl, requireApp } from "./apps";
import type { Ctx, Reply } from "./http";
import {
  created,
  invalid,
  isReplyError,
  noContent,
  notFound,
  ok,
  optionalBoolean,
  optionalString,
  requiredString,
  wrapped,
} from "./http";
import { iso } from "./ids";
import type { Route } from "./router";
import type { AppState, Domain } from "./types";

const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Why a domain name is refused, if it is. */
export function domainNameProblem(name: string): string | undefined {
  if (name.length > 253 || !HOSTNAME.test(name)) return "is not a valid domain name";
  if (name.endsWith(".scalingo.io")) return "cannot be a scalingo.io domain";
  return undefined;
}

const requireDomain = (appState: AppState, id: string): Domain =>
  appState.domains.find((d) => d.id === id) ?? notFound("domain");

function parseCertificate(pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    return invalid("tlscert", "is not a valid PEM certificate");
  }
}

/** Applies a custom certificate (both PEMs, parsed and matched) or removes it (`""`, as go-scalingo sends). */
function applyCertificate(domain: Domain, cert: string | undefined, key: string | undefined): void {
  if (cert === undefined && key === undefined) return;
  if (cert === "" && (key === "" || key === undefined)) {
    Object.assign(domain, { ssl: false, tlscert: null, tlskey: null, validity: null });
    return;
  }
  if (cert === undefined || cert === "") invalid("tlscert", "can't be blank when tlskey is set");
  if (key === undefined || key === "") invalid("tlskey", "can't be blank when tlscert is set");
  const x509 = parseCertificate(cert ?? "");
  let bits = 0;
  try {
    const privateKey = createPrivateKey(key ?? "");
    bits = privateKey.asymmetricKeyDetails?.modulusLength ?? 0;
    if (!x509.checkPrivateKey(privateKey)) invalid("tlskey", "does not match the certificate");
  } catch (error) {
    if (isReplyError(error)) throw error;
    invalid("tlskey", "is not a valid PEM private key");
  }
  Object.assign(domain, {
    ssl: true,
    tlscert: x509.subject.replace(/\n/g, ", "),
    tlskey: `RSA private key - ${bits} bytes`,
    validity: iso(Date.parse(x509.validTo)),
    ssl_status: "success",
    letsencrypt: false,
  });
}

/** Refuses a second canonical domain (at most one per app; unset the current one first). */
function checkCanonical(appState: AppState, domain: Domain, canonical: boolean | undefined): void {
  if (canonical !== true) return;
  const other = appState.domains.find((d) => d.canonical && d.id !== domain.id);
  if (other !== undefined) invalid("canonical", `${other.name} is already the canonical domain of this app`);
}

/** With Let's Encrypt wanted and no custom certificate, schedules the certificate (pending_dns → created). */
function requestCertificate(ctx: Ctx, appState: AppState, domain: Domain): void {
  if (!domain.letsencrypt_enabled || domain.tlscert !== null) return;
  Object.assign(domain, { letsencrypt_status: "pending_dns", ssl_status: "pending", letsencrypt: false });
  ctx.store.schedule({
    at: ctx.now + ctx.options.operationMs,
    region: ctx.region,
    appId: appState.app.id,
    kind: "domain-certificate",
    targetId: domain.id,
    status: "created",
  });
}

function create(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const fields = wrapped(ctx.body, "domain");
  const name = requiredString(fields, "name").toLowerCase();
  const problem = domainNameProblem(name);
  if (problem !== undefined) invalid("name", problem);
  const taken = ctx.store.apps(ctx.region).some((a) => a.domains.some((d) => d.name === name));
  if (taken) invalid("name", "has already been taken");
  if (appState.domains.length >= MAX_DOMAINS)
    invalid("domains", `an app cannot have more than ${MAX_DOMAINS} domains`);
  const domain: Domain = {
    id: ctx.store.nextId(),
    app_id: appState.app.id,
    name,
    created_at: iso(ctx.now),
    ssl: false,
    tlscert: null,
    tlskey: null,
    validity: null,
    ssl_status: "pending",
    canonical: false,
    letsencrypt_enabled: optionalBoolean(fields, "letsencrypt_enabled") ?? true,
    letsencrypt: false,
    letsencrypt_status: "new",
    acme_dns_fqdn: name.startsWith("*.") ? `_acme-challenge.${name.slice(2)}` : "",
    acme_dns_value: "",
    acme_dns_error: { dns_provider: "", variables: [] },
    acme_challenge_error: "",
  };
  const canonical = optionalBoolean(fields, "canonical");
  checkCanonical(appState, domain, canonical);
  applyCertificate(domain, optionalString(fields, "tlscert"), optionalString(fields, "tlskey"));
  domain.canonical = canonical ?? false;
  appState.domains.push(domain);
  requestCertificate(ctx, appState, domain);
  refreshUrl(appState);
  return created({ domain });
}

function update(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const domain = requireDomain(appState, ctx.params.id ?? "");
  const fields = wrapped(ctx.body, "domain");
  const name = optionalString(fields, "name");
  if (name !== undefined && name.toLowerCase() !== domain.name)
    invalid("name", "cannot be changed, delete and re-create the domain");
  const canonical = optionalBoolean(fields, "canonical");
  checkCanonical(appState, domain, canonical);
  const hadCertificate = domain.tlscert !== null;
  applyCertificate(domain, optionalString(fields, "tlscert"), optionalString(fields, "tlskey"));
  const letsencrypt = optionalBoolean(fields, "letsencrypt_enabled");
  const wantsCertificate = letsencrypt === true && !domain.letsencrypt_enabled;
  if (letsencrypt !== undefined) domain.letsencrypt_enabled = letsencrypt;
  if (canonical !== undefined) domain.canonical = canonical;
  if (wantsCertificate || (hadCertificate && domain.tlscert === null))
    requestCertificate(ctx, appState, domain);
  refreshUrl(appState);
  return ok({ domain });
}

function remove(ctx: Ctx): Reply {
  const appState = requireApp(ctx);
  const domain = requireDomain(appState, ctx.params.id ?? "");
  appState.domains = appState.domains.filter((d) => d !== domain);
  ctx.store.unschedule((t) => t.targetId === domain.id);
  refreshUrl(appState);
  return noContent();
}

/** Domain routes. */
export const domainRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/v1/apps/:app/domains",
    auth: "user",
    handler: (ctx) => ok({ domains: requireApp(ctx).domains }),
  },
  { method: "POST", pattern: "/v1/apps/:app/domains", auth: "user", handler: create },
  {
    method: "GET",
    pattern: "/v1/apps/:app/domains/:id",
    auth: "user",
    handler: (ctx) => ok({ domain: requireDomain(requireApp(ctx), ctx.params.id ?? "") }),
  },
  { method: "PATCH", pattern: "/v1/apps/:app/domains/:id", auth: "user", handler: update },
  { method: "PUT", pattern: "/v1/apps/:app/domains/:id", auth: "user", handler: update },
  { method: "DELETE", pattern: "/v1/apps/:app/domains/:id", auth: "user", handler: remove },
];
