import { readFileSync } from "node:fs";
import path from "node:path";
import { createSectigoClient } from "@/lib/sectigo/client";
import type { RecordedCall, SectigoClientConfig } from "@/lib/sectigo/client";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/sectigo");

export function responseFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, "responses", name), "utf8");
}

/** Documented example request: `name=value` lines, `#` comments ignored. */
export function requestFixture(name: string): Array<[string, string]> {
  return readFileSync(path.join(FIXTURES, "requests", name), "utf8")
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => {
      const eq = line.indexOf("=");
      return [line.slice(0, eq), line.slice(eq + 1)] as [string, string];
    });
}

export const TEST_PASSWORD = "s3cr3t-P@ss&word=1";

export interface StubCall {
  url: string;
  body: URLSearchParams;
  contentType: string | null;
  method: string;
}

/** A fetch that answers every request with the given body/status and remembers what it got. */
export function stubFetch(answer: string | ((req: StubCall) => Response | Promise<Response>), status = 200) {
  const calls: StubCall[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: StubCall = {
      url: String(input),
      body: new URLSearchParams(String(init?.body ?? "")),
      contentType: headers.get("content-type"),
      method: init?.method ?? "GET",
    };
    calls.push(call);
    if (typeof answer === "function") return answer(call);
    return new Response(answer, { status });
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

export function stubClient(fetchImpl: typeof fetch, extra: Partial<SectigoClientConfig> = {}) {
  const recorded: RecordedCall[] = [];
  const client = createSectigoClient({
    baseUrl: "https://sectigo.test/products/",
    mode: "LIVE",
    loginName: "orderdesk",
    loginPassword: TEST_PASSWORD,
    fetch: fetchImpl,
    recorder: (call) => {
      recorded.push(call);
    },
    ...extra,
  });
  return { client, recorded };
}

export const NEW_CUSTOMER = {
  productCode: 1061,
  addOnCodes: [1069],
  days: 365 as const,
  domainName: "acme.example",
  contactEmail: "it@acme.example",
  autoRenew: true,
};
