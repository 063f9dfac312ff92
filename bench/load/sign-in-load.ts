// W6 of the load benchmark: next-auth's credentials sign-in through the balancer, each request on a new connection
// from an address of a pool on the loopback network (127.77.0.0/16: Linux answers the whole of 127/8 on lo). HAProxy
// appends that address to X-Forwarded-For and the instances trust it (TRUST_PROXY=1), so the password-attempt limits
// (lib/auth/password-attempts.ts: per address, per account) count per bench address and account: exercised — every
// attempt is counted before the password is checked — but not tripped, as a success gives its counts back and no
// address or account has more than a few attempts in flight at once. autocannon cannot choose the source address,
// hence this loop: closed (CONNECTIONS at once, for saturation) or open (a fixed rate, for latencies).
import http from "node:http";

export interface SignInLoad {
  base: string;
  /** Accounts to sign in as, in turn; all with `password`. */
  emails: string[];
  password: string;
  /** How many pool addresses (at most 65,024). */
  addresses: number;
  seconds: number;
  connections: number;
  /** Requests per second; none: as fast as `connections` allow. */
  rate?: number;
}

export interface SignInResult {
  latencies: number[];
  requests: number;
  /** Answers other than a successful sign-in, by status ("refused": a 200 naming an error; "error": no answer). */
  failures: Record<string, number>;
}

const address = (n: number) => `127.77.${1 + Math.floor(n / 254)}.${1 + (n % 254)}`;

function post(
  url: URL,
  localAddress: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        localAddress,
        agent: false,
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

export async function signInLoad(options: SignInLoad): Promise<SignInResult> {
  const csrf = await fetch(`${options.base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const url = new URL("/api/auth/callback/credentials", options.base);
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    cookie,
    origin: options.base,
  };
  const result: SignInResult = { latencies: [], requests: 0, failures: {} };
  const fail = (what: string) => (result.failures[what] = (result.failures[what] ?? 0) + 1);
  let n = 0;
  const one = async () => {
    const i = n++;
    const body = new URLSearchParams({
      email: options.emails[i % options.emails.length]!,
      password: options.password,
      csrfToken,
      json: "true",
    }).toString();
    const started = performance.now();
    try {
      const answer = await post(url, address(i % options.addresses), headers, body);
      result.latencies.push(performance.now() - started);
      result.requests++;
      if (answer.status !== 200) fail(String(answer.status));
      else if (new URL((JSON.parse(answer.body) as { url: string }).url, options.base).searchParams.get("error")) {
        fail("refused");
      }
    } catch {
      result.requests++;
      fail("error");
    }
  };
  const end = Date.now() + options.seconds * 1000;
  if (options.rate === undefined) {
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (Date.now() < end) await one();
      }),
    );
  } else {
    const inFlight = new Set<Promise<void>>();
    const interval = 1000 / options.rate;
    for (let next = Date.now(); next < end; next += interval) {
      const wait = next - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const request = one().finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
  }
  result.latencies.sort((a, b) => a - b);
  return result;
}
