import type { Reply } from "./http";
import type { State } from "./store";

/** `undefined` when the credentials are right (`Basic APIKEY[ account=NAME]:`), else the 401 reply. */
export const authFailure = (state: State, header: string | undefined): Reply | undefined => {
  const encoded = /^Basic (.+)$/.exec(header ?? "")?.[1];
  if (encoded === undefined) {
    return { status: 401, body: { detail: "Authentication credentials were not provided." } };
  }
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const user = decoded.slice(0, decoded.lastIndexOf(":"));
  const match = /^(\S+)(?: account=(\S+))?$/.exec(user);
  if (match?.[1] !== state.options.apiKey) {
    return { status: 401, body: { detail: "Invalid token." } };
  }
  if (state.options.account !== undefined && match[2] !== state.options.account) {
    return { status: 401, body: { detail: `Unknown account: ${match[2] ?? "(none)"}.` } };
  }
  return undefined;
};
