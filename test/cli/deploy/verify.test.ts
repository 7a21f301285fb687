import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Answer,
  type Clock,
  checkAnswers,
  describeAnswer,
  httpProbe,
  verifyAnswers,
} from "../../../cli/deploy/verify";
import type { Io } from "../../../cli/lib/pulumi";

// The HTTP check of `deploy --verify`: the retry loop on a fake clock (requests are counted, never timed), and
// the real probe against a local server.

/** A clock that only moves when the check sleeps, recording each pause. */
function fakeClock(): Clock & { pauses: number[] } {
  let now = 0;
  const pauses: number[] = [];
  return {
    pauses,
    now: () => now,
    sleep: async (ms) => {
      pauses.push(ms);
      now += ms;
    },
  };
}

const status = (code: number, text = ""): Answer => ({ kind: "status", status: code, statusText: text });
const refused: Answer = { kind: "error", reason: "connect ECONNREFUSED 127.0.0.1:9" };

/** A probe answering `script` in order, then its last entry forever; counts its calls. */
function scripted(script: readonly Answer[]) {
  const calls: number[] = [];
  const probe = async (_url: string, timeoutMs: number) => {
    calls.push(timeoutMs);
    return script[Math.min(calls.length - 1, script.length - 1)] ?? refused;
  };
  return { probe, calls };
}

describe("checkAnswers", () => {
  it.each([
    ["200 at once", [status(200)], 60_000, true, 1, []],
    ["a redirect is an answer", [status(301)], 60_000, true, 1, []],
    [
      "502 while containers start, then 200",
      [status(502), status(503), status(200)],
      60_000,
      true,
      3,
      [1_000, 2_000],
    ],
    ["refused, then 204", [refused, status(204)], 60_000, true, 2, [1_000]],
    ["never: 5 requests in 10 s", [refused], 10_000, false, 5, [1_000, 2_000, 4_000, 3_000]],
    ["404 is no answer", [status(404)], 3_000, false, 3, [1_000, 2_000]],
    [
      "502 for 30 s",
      [status(502)],
      30_000,
      false,
      9,
      [1_000, 2_000, 4_000, 5_000, 5_000, 5_000, 5_000, 3_000],
    ],
  ])("%s", async (_name, script, timeoutMs, ok, attempts, pauses) => {
    const clock = fakeClock();
    const { probe, calls } = scripted(script);
    const seen: Answer[] = [];
    const result = await checkAnswers({
      url: "https://x/",
      timeoutMs,
      probe,
      clock,
      onAnswer: (a) => seen.push(a),
    });
    expect(result).toMatchObject({ ok, attempts });
    expect(calls).toHaveLength(attempts);
    expect(seen).toHaveLength(attempts);
    expect(clock.pauses).toEqual(pauses);
  });

  it("cuts each request at the deadline, never under 1 s, never over 10 s", async () => {
    const { probe, calls } = scripted([refused]);
    await checkAnswers({
      url: "https://x/",
      timeoutMs: 12_000,
      probe,
      clock: fakeClock(),
      onAnswer: () => {},
    });
    expect(calls).toEqual([10_000, 10_000, 9_000, 5_000, 1_000]);
  });
});

describe("verifyAnswers", () => {
  it("prints each change of answer and fails naming the check, the URL, the time and the last answer", async () => {
    const lines: string[] = [];
    const io: Io = { stdout: () => {}, stderr: (t) => lines.push(t) };
    const { probe } = scripted([refused, refused, status(502, "Bad Gateway")]);
    const run = verifyAnswers({
      stack: "staging",
      deploymentId: "d-1",
      url: "https://user:pw@www.example.com/health?token=abc",
      timeoutMs: 60_000,
      io,
      probe,
      clock: fakeClock(),
    });
    await expect(run).rejects.toThrow(
      "deploy staging: the app does not answer (check 2 of 2, the HTTP check, failed): deployment d-1 reached " +
        "success, but https://www.example.com/health did not answer 2xx or 3xx within 1m (15 request(s); last: " +
        "HTTP 502 Bad Gateway). The new version is deployed; nothing was rolled back",
    );
    expect(lines).toEqual([
      "paasenv: staging: GET https://www.example.com/health → no answer (connect ECONNREFUSED 127.0.0.1:9)\n",
      "paasenv: staging: GET https://www.example.com/health → HTTP 502 Bad Gateway\n",
    ]);
  });
});

/** A port nothing listens on: one the system gave a server that is closed again. */
async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("httpProbe (a real local server)", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/hang") return; // never answers
      if (req.url === "/private") {
        const allowed = req.headers.authorization === `Basic ${Buffer.from("ops:s3cr:t").toString("base64")}`;
        res.writeHead(allowed ? 200 : 401).end();
        return;
      }
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" }).end();
        return;
      }
      res.writeHead(req.url === "/bad" ? 502 : 200).end("body");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("reads the status without following redirects, and names what went wrong otherwise", async () => {
    expect(describeAnswer(await httpProbe(`${base}/health`, 5_000))).toBe("HTTP 200 OK");
    expect(describeAnswer(await httpProbe(`${base}/redirect`, 5_000))).toBe("HTTP 302 Found");
    expect(describeAnswer(await httpProbe(`${base}/bad`, 5_000))).toBe("HTTP 502 Bad Gateway");
    const closed = await closedPort();
    expect(describeAnswer(await httpProbe(`http://127.0.0.1:${closed}/`, 5_000))).toBe(
      `no answer (connect ECONNREFUSED 127.0.0.1:${closed})`,
    );
    expect(describeAnswer(await httpProbe(`${base}/hang`, 300))).toBe("no answer (nothing within 0.3 s)");
  });

  it("sends a URL's user and password as basic auth, which fetch would refuse in the URL", async () => {
    const withCredentials = base.replace("http://", "http://ops:s3cr%3At@");
    expect(describeAnswer(await httpProbe(`${withCredentials}/private`, 5_000))).toBe("HTTP 200 OK");
    expect(describeAnswer(await httpProbe(`${base}/private`, 5_000))).toBe("HTTP 401 Unauthorized");
  });
});
