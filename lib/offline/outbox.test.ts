import { describe, expect, it } from "vitest";
import { outcomeOf, REQUESTER_HEADER, sendOutbox, type OutboxEntry, type OutboxStorage } from "./outbox";

/** The outbox in memory: what IndexedDB holds, without IndexedDB. */
function memoryStorage(entries: OutboxEntry[]) {
  const rows = new Map(entries.map((e) => [e.clientRequestId, e]));
  const storage: OutboxStorage = {
    all: async () => [...rows.values()],
    put: async (entry) => void rows.set(entry.clientRequestId, entry),
    remove: async (id) => void rows.delete(id),
  };
  return { storage, rows };
}

const session = { userId: "u1", companyId: "c1" };

function entry(id: string, overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    clientRequestId: id,
    userId: "u1",
    companyId: "c1",
    payload: {
      company: "c1",
      type: "RESTOCK",
      locationId: "l1",
      lines: [{ productId: "p1", quantity: "2" }],
      reference: "",
      note: "",
    },
    lines: [{ productId: "p1", sku: "W-1", name: "Widget", unit: "each" }],
    locationName: "Main",
    state: "waiting",
    createdAt: 1,
    ...overrides,
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A server that answers each call with the next of `answers` and records what it was sent. */
function server(...answers: (Response | Error)[]) {
  const calls: { key: string; requester: string; body: unknown; states: string[] }[] = [];
  let rows: Map<string, OutboxEntry> | undefined;
  const fetcher = (async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({
      key: headers["idempotency-key"]!,
      requester: headers[REQUESTER_HEADER]!,
      body: JSON.parse(init.body as string),
      states: [...(rows?.values() ?? [])].map((e) => `${e.clientRequestId}:${e.state}`),
    });
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { fetcher, calls, watch: (watched: Map<string, OutboxEntry>) => void (rows = watched) };
}

const created = (id: string, n: number) =>
  json(201, { id, number: `REQ-${String(n).padStart(6, "0")}`, url: `http://x/requests/${id}` });

describe("outcomeOf", () => {
  it("sends on 200/201, waits on 401, 403 and on what may pass later, refuses every other answer", () => {
    expect([200, 201].map(outcomeOf)).toEqual(["sent", "sent"]);
    expect(outcomeOf(401)).toBe("signed-out");
    expect(outcomeOf(403)).toBe("blocked");
    expect([0, 408, 429, 500, 502, 503].map(outcomeOf)).toEqual(Array(6).fill("retry"));
    expect([400, 404, 409, 413, 415, 422, 428].map(outcomeOf)).toEqual(Array(7).fill("refused"));
  });
});

describe("sendOutbox", () => {
  it("sends this person's entries of this company oldest first, keyed by their client request id, marked sending meanwhile", async () => {
    const { storage, rows } = memoryStorage([
      entry("b", { createdAt: 2 }),
      entry("a", { createdAt: 1 }),
      entry("other-person", { userId: "u2" }),
      entry("other-company", { companyId: "c2" }),
      entry("refused", { state: "refused" }),
    ]);
    const api = server(created("id-a", 1), created("id-b", 2));
    api.watch(rows);
    const result = await sendOutbox(storage, session, api.fetcher);
    expect(api.calls.map((c) => [c.key, c.requester])).toEqual([
      ["a", "u1"],
      ["b", "u1"],
    ]);
    expect(api.calls[0]!.states).toContain("a:sending");
    expect(api.calls[0]!.body).toEqual(entry("a").payload);
    expect(result).toEqual({
      sent: [
        { clientRequestId: "a", id: "id-a", number: "REQ-000001", url: "http://x/requests/id-a" },
        { clientRequestId: "b", id: "id-b", number: "REQ-000002", url: "http://x/requests/id-b" },
      ],
      refused: [],
    });
    expect([...rows.keys()].sort()).toEqual(["other-company", "other-person", "refused"]);
  });

  it("sends again an entry a previous send left in `sending`, with the same key", async () => {
    const { storage, rows } = memoryStorage([entry("a", { state: "sending" })]);
    const api = server(json(200, { id: "id-a", number: "REQ-000001", url: "u" }));
    const result = await sendOutbox(storage, session, api.fetcher);
    expect(api.calls.map((c) => c.key)).toEqual(["a"]);
    expect(result.sent.map((s) => s.id)).toEqual(["id-a"]);
    expect(rows.size).toBe(0);
  });

  it("keeps everything waiting when the network fails, and stops there", async () => {
    const { storage, rows } = memoryStorage([entry("a"), entry("b", { createdAt: 2 })]);
    const api = server(new TypeError("Failed to fetch"));
    expect(await sendOutbox(storage, session, api.fetcher)).toEqual({ sent: [], refused: [], stopped: "offline" });
    expect([...rows.values()].map((e) => e.state)).toEqual(["waiting", "waiting"]);
    expect(api.calls).toHaveLength(1);
  });

  it("keeps waiting when signed out (401) or when the server cannot take it now (503)", async () => {
    for (const [status, stopped] of [
      [401, "signed-out"],
      [503, "unavailable"],
    ] as const) {
      const { storage, rows } = memoryStorage([entry("a")]);
      const result = await sendOutbox(storage, session, server(json(status, { title: "x" })).fetcher);
      expect(result.stopped).toBe(stopped);
      expect(rows.get("a")!.state).toBe("waiting");
    }
  });

  it("marks a refused entry with the server's reason and field errors, and goes on with the next", async () => {
    const { storage, rows } = memoryStorage([entry("a"), entry("b", { createdAt: 2 })]);
    const problem = {
      type: "urn:stockflow:problem:validation",
      status: 422,
      title: "Check the fields",
      detail: "Please correct the highlighted fields.",
      errors: { "lines.0.productId": "Widget is archived: remove it from the request." },
    };
    const api = server(json(422, problem), created("id-b", 7));
    const result = await sendOutbox(storage, session, api.fetcher);
    expect(result).toMatchObject({ refused: ["a"], sent: [{ clientRequestId: "b" }] });
    expect(result.stopped).toBeUndefined();
    expect(rows.get("a")).toMatchObject({
      state: "refused",
      refusal: { status: 422, title: problem.title, detail: problem.detail, errors: problem.errors },
    });
  });

  it("keeps waiting, and sends nothing after, while the person may not send (a password change due)", async () => {
    const { storage, rows } = memoryStorage([entry("a", { createdAt: 1 }), entry("b", { createdAt: 2 })]);
    const problem = { type: "https://stockflow.example/problems/password-change-required", status: 403 };
    const api = server(json(403, problem), created("r-b", 2));
    const result = await sendOutbox(storage, session, api.fetcher);
    expect(result).toEqual({ sent: [], refused: [], stopped: "blocked" });
    expect(api.calls).toHaveLength(1);
    expect([rows.get("a")!.state, rows.get("b")!.state]).toEqual(["waiting", "waiting"]);
    expect(rows.get("a")!.refusal).toBeUndefined();
  });

  it("keeps a refusal readable when the answer is not problem details", async () => {
    const { storage, rows } = memoryStorage([entry("a")]);
    await sendOutbox(storage, session, server(new Response("<html>", { status: 422 })).fetcher);
    expect(rows.get("a")!.refusal).toEqual({
      status: 422,
      title: "Refused",
      detail: "The server refused this request.",
    });
  });
});
