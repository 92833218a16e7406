/**
 * PEM certificate requests (PKCS#10), parsed just far enough to know the key: a minimal DER walker.
 * DECISION: no package. node:crypto cannot read CSRs; @peculiar/x509 (11 dependencies, tsyringe +
 * reflect-metadata) and pkijs 4 (asn1 stack) would add tens of kB of gzip JS to /orders/new, whose budget is
 * 220 kB, for one check that needs ~100 lines. The signature is not verified: Sectigo does that.
 */

export type CsrKey = { algorithm: "RSA"; bits: number } | { algorithm: "EC"; curve: string; bits: number } | { algorithm: "other"; oid: string };

export type CsrParse = { ok: true; key: CsrKey; commonName?: string } | { ok: false; message: string };

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

class DerError extends Error {}

function readTlv(bytes: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new DerError("truncated");
  const tag = bytes[at] as number;
  let len = bytes[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) throw new DerError("bad length");
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + (bytes[start + i] as number);
    start += count;
  }
  const end = start + len;
  if (end > limit) throw new DerError("truncated");
  return { tag, start, end };
}

/** The TLVs directly inside a constructed value. */
function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const tlv = readTlv(bytes, at, parent.end);
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

function expect(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected tag ${tag}`);
  return tlv;
}

const SEQUENCE = 0x30;
const SET = 0x31;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OID = 0x06;

function oidString(bytes: Uint8Array, tlv: Tlv): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i++) {
    const b = bytes[i] as number;
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

function integerBits(bytes: Uint8Array, tlv: Tlv): number {
  let i = tlv.start;
  while (i < tlv.end && bytes[i] === 0) i++;
  if (i === tlv.end) return 0;
  return (tlv.end - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}

const CURVES: Record<string, { curve: string; bits: number }> = {
  "1.2.840.10045.3.1.7": { curve: "P-256", bits: 256 },
  "1.3.132.0.34": { curve: "P-384", bits: 384 },
  "1.3.132.0.35": { curve: "P-521", bits: 521 },
};

function publicKey(bytes: Uint8Array, spki: Tlv): CsrKey {
  const [alg, bitString] = children(bytes, expect(spki, SEQUENCE));
  const [algOid, params] = children(bytes, expect(alg, SEQUENCE));
  const oid = oidString(bytes, expect(algOid, OID));
  const key = expect(bitString, BIT_STRING);
  if (oid === "1.2.840.113549.1.1.1") {
    const inner = readTlv(bytes, key.start + 1, key.end);
    const [modulus] = children(bytes, expect(inner, SEQUENCE));
    return { algorithm: "RSA", bits: integerBits(bytes, expect(modulus, INTEGER)) };
  }
  if (oid === "1.2.840.10045.2.1") {
    const curveOid = oidString(bytes, expect(params, OID));
    const curve = CURVES[curveOid];
    return curve ? { algorithm: "EC", ...curve } : { algorithm: "other", oid: curveOid };
  }
  return { algorithm: "other", oid };
}

function commonName(bytes: Uint8Array, subject: Tlv): string | undefined {
  for (const rdn of children(bytes, expect(subject, SEQUENCE))) {
    for (const atv of children(bytes, expect(rdn, SET))) {
      const [type, value] = children(bytes, expect(atv, SEQUENCE));
      if (type && value && oidString(bytes, expect(type, OID)) === "2.5.4.3") {
        return new TextDecoder().decode(bytes.subarray(value.start, value.end));
      }
    }
  }
  return undefined;
}

const PEM_RE = /^-----BEGIN (NEW )?CERTIFICATE REQUEST-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END (NEW )?CERTIFICATE REQUEST-----$/;

function base64Bytes(b64: string): Uint8Array | undefined {
  try {
    const binary = atob(b64.replace(/\s+/g, ""));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export function parseCsr(text: string): CsrParse {
  const pem = PEM_RE.exec(text.trim());
  if (!pem) return { ok: false, message: "Paste the whole CSR, from -----BEGIN CERTIFICATE REQUEST----- to -----END CERTIFICATE REQUEST-----." };
  const bytes = base64Bytes(pem[2] as string);
  if (!bytes) return { ok: false, message: "The CSR is not valid Base-64." };
  try {
    const outer = expect(readTlv(bytes, 0, bytes.length), SEQUENCE);
    if (outer.end !== bytes.length) throw new DerError("trailing bytes");
    const [info, sigAlg, signature] = children(bytes, outer);
    expect(sigAlg, SEQUENCE);
    expect(signature, BIT_STRING);
    const [version, subject, spki] = children(bytes, expect(info, SEQUENCE));
    expect(version, INTEGER);
    const cn = commonName(bytes, expect(subject, SEQUENCE));
    const key = publicKey(bytes, expect(spki, SEQUENCE));
    return cn === undefined ? { ok: true, key } : { ok: true, key, commonName: cn };
  } catch (e) {
    if (e instanceof DerError) return { ok: false, message: "This is not a readable certificate request (PKCS#10)." };
    throw e;
  }
}

/** DECISION D27. Sectigo's accepted keys (errorCode -13 otherwise): RSA from `minRsaBits` to 8192 bits, EC P-256 or P-384. */
export function checkCsrKey(key: CsrKey, minRsaBits: number): string | undefined {
  if (key.algorithm === "RSA") {
    if (key.bits < minRsaBits) return `The CSR's RSA key has ${key.bits} bits; at least ${minRsaBits} are required.`;
    if (key.bits > 8192) return `The CSR's RSA key has ${key.bits} bits; at most 8192 are supported.`;
    return undefined;
  }
  if (key.algorithm === "EC") return key.curve === "P-521" ? "The CSR uses curve P-521; use P-256 or P-384." : undefined;
  return "The CSR's key type is not supported; use RSA or an EC key on P-256 or P-384.";
}
