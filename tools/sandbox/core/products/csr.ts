/**
 * What the sandbox reads from a CSR (PKCS#10, "The CSR in Base-64 format", §7): its public key and its
 * subject's common name. A minimal DER walk to the SubjectPublicKeyInfo and the subject; node:crypto reads
 * the key. The signature is not checked (Sectigo checks it; the sandbox only needs the key and the name).
 *
 * Keys (sandbox decision: Sectigo documents only "-13 The CSR uses an unsupported key size!"): RSA from 2048
 * bits (3072 for Code Signing, as the CA/Browser Forum's Code Signing requirements ask) to 8192; EC P-256 and
 * P-384.
 */
import { createPublicKey } from "node:crypto";

export type CsrKey = { type: "rsa"; bits: number } | { type: "ec"; curve: string } | { type: "other" };
export type CsrReading = { ok: true; key: CsrKey; commonName: string | undefined } | { ok: false };

interface Node {
  tag: number;
  start: number;
  end: number;
  /** Offset of the contents. */
  body: number;
}

function readNode(der: Buffer, at: number): Node {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined) throw new Error("truncated");
  let body = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 3) throw new Error("length");
    length = 0;
    for (let i = 0; i < bytes; i++) length = (length << 8) | (der[body + i] ?? 0);
    body += bytes;
  }
  const end = body + length;
  if (end > der.length) throw new Error("truncated");
  return { tag, start: at, end, body };
}

function children(der: Buffer, parent: Node): Node[] {
  const out: Node[] = [];
  for (let at = parent.body; at < parent.end; ) {
    const child = readNode(der, at);
    out.push(child);
    at = child.end;
  }
  return out;
}

const CN_OID = Buffer.from([0x55, 0x04, 0x03]);

function commonNameOf(der: Buffer, subject: Node): string | undefined {
  let found: string | undefined;
  for (const set of children(der, subject)) {
    for (const pair of children(der, set)) {
      const [oid, value] = children(der, pair);
      if (oid && value && der.subarray(oid.body, oid.end).equals(CN_OID)) found = der.subarray(value.body, value.end).toString("utf8");
    }
  }
  return found;
}

function keyOf(spki: Buffer): CsrKey {
  const details = createPublicKey({ key: spki, format: "der", type: "spki" }).asymmetricKeyDetails;
  const type = createPublicKey({ key: spki, format: "der", type: "spki" }).asymmetricKeyType;
  if (type === "rsa" && details?.modulusLength !== undefined) return { type: "rsa", bits: details.modulusLength };
  if (type === "ec" && details?.namedCurve !== undefined) return { type: "ec", curve: details.namedCurve };
  return { type: "other" };
}

export function readCsr(pem: string): CsrReading {
  const match = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]+?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(pem);
  if (!match?.[1]) return { ok: false };
  try {
    const der = Buffer.from(match[1].replace(/\s+/g, ""), "base64");
    const request = readNode(der, 0);
    const [info] = children(der, request);
    if (!info) return { ok: false };
    const [version, subject, spki] = children(der, info);
    if (!version || version.tag !== 0x02 || !subject || subject.tag !== 0x30 || !spki || spki.tag !== 0x30) return { ok: false };
    return { ok: true, key: keyOf(der.subarray(spki.start, spki.end)), commonName: commonNameOf(der, subject) };
  } catch {
    return { ok: false };
  }
}

/** Whether the key is one the sandbox accepts, with `minRsaBits` for the product. */
export function keyAccepted(key: CsrKey, minRsaBits: number): boolean {
  if (key.type === "rsa") return key.bits >= minRsaBits && key.bits <= 8192;
  if (key.type === "ec") return key.curve === "prime256v1" || key.curve === "secp384r1";
  return false;
}
