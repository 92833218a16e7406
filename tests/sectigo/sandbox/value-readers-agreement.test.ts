/**
 * The sandbox's own value readers (tools/sandbox/core/products/csr.ts, eidas.ts: written from the PlaceOrder
 * guide §1/§7) against the app's (lib/catalog/csr.ts, eidas.ts), on the same inputs: what a CSR's key and
 * common name are, which keys each side accepts, which eIDAS identifiers and NCA codes each side takes.
 * The differences are listed and are decisions in tools/sandbox/README.md and lib/catalog/README.md (S3).
 */
import { describe, expect, it } from "vitest";
import { NCAS, checkCsrKey, parseCsr } from "@/lib/catalog";
import { checkOrganizationIdentifier, checkSemanticsIdentifier, parsePsd2Identifier } from "@/lib/catalog/eidas";
import { keyAccepted, readCsr } from "@/tools/sandbox/core/products/csr";
import { NCA_CODES, organizationIdentifierOk, psd2Nca, semanticsIdentifierOk } from "@/tools/sandbox/core/products/eidas";
import { EC256W, RSA1024, RSA2048, RSA2048W, RSA3072, SAN_CSR } from "../fixtures/csrs";

const CSRS = { RSA1024, RSA2048, RSA2048W, RSA3072, EC256W, SAN_CSR };
const BROKEN = [
  "",
  "not a csr",
  "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
  RSA2048.replace(/[A-Za-z]{8}\n/, "!!!!!!!!\n"),
];

describe("CSR: the sandbox and the app read the same key and name", () => {
  it.each(Object.entries(CSRS))("%s", (_name, pem) => {
    const app = parseCsr(pem);
    const sandbox = readCsr(pem);
    expect(app.ok && sandbox.ok).toBe(true);
    if (!app.ok || !sandbox.ok) return;
    expect(sandbox.commonName).toBe(app.commonName);
    for (const minBits of [2048, 3072]) expect(keyAccepted(sandbox.key, minBits), `min ${minBits}`).toBe(checkCsrKey(app.key, minBits) === undefined);
  });

  it.each(BROKEN.map((b) => [b.slice(0, 30)] as const).map(([s], i) => [s, BROKEN[i] as string] as const))("refused by both: %j", (_s, text) => {
    expect(readCsr(text).ok).toBe(false);
    expect(parseCsr(text).ok).toBe(false);
  });
});

/** Accepted difference S3: the app takes ETSI EN 319 412-1's identity types only (and LEI's pseudo-country XG). */
const ACCEPTED_ORGANIZATION = ["LEIXG-529900T8BM49AURSDO55", "ABCBE-0876866"];
const ACCEPTED_SEMANTICS = ["XYZBE-12345678"];

describe("eIDAS identifiers and NCAs", () => {
  const organization = ["VATBE-0876866", "NTRGB-12345678", "LEIXG-529900T8BM49AURSDO55", "PSDFI-FINFSA-1234567-8", "PSDFI-1234567", "ABCBE-0876866", "VATZZ-1", "VAT-BE-1", "vatbe-1", "VATBE-"];
  const semantics = ["PNOBE-12345678", "PASGB-X1", "IDCFR-1", "TINDE-1", "XYZBE-12345678", "PNOZZ-1", "PNO-BE-1", "PNOBE-"];

  it("organizationIdentifier: same verdicts except S3", () => {
    const differ = organization.filter((v) => organizationIdentifierOk(v) !== (checkOrganizationIdentifier(v) === undefined));
    expect(differ).toEqual(ACCEPTED_ORGANIZATION);
  });

  it("semanticsIdentifier: same verdicts except S3", () => {
    const differ = semantics.filter((v) => semanticsIdentifierOk(v) !== (checkSemanticsIdentifier(v) === undefined));
    expect(differ).toEqual(ACCEPTED_SEMANTICS);
  });

  it("the NCA a PSD2 identifier names", () => {
    for (const v of organization) {
      const app = parsePsd2Identifier(v);
      expect(psd2Nca(v)).toBe(app ? `${app.country}-${app.nca}` : undefined);
    }
  });

  it("the same NCA codes", () => {
    expect([...NCA_CODES].sort()).toEqual(NCAS.map((n) => n.id).sort());
  });
});
