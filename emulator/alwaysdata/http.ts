import type { IncomingMessage, ServerResponse } from "node:http";

/** What a handler answers: a status, a JSON body if any, extra headers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const isReply = (value: object): value is Reply => "status" in value;

export const NOT_FOUND: Reply = { status: 404, body: { detail: "Not found." } };

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  }
  return Buffer.concat(chunks).toString("utf8");
};

export const send = (res: ServerResponse, reply: Reply): void => {
  const text = reply.body === undefined ? "" : JSON.stringify(reply.body);
  const type = text === "" ? {} : { "Content-Type": "application/json" };
  res.writeHead(reply.status, { ...type, ...reply.headers });
  res.end(text);
};
