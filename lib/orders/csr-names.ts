/**
 * The names a certificate request asks for (issue 17 item 8): its subject's common name and the
 * DNS names of its subjectAltName extension (PKCS#10 attribute extensionRequest, RFC 2986 / 5280).
 * Pure and self-contained (a DER walk of ~60 lines, like lib/catalog/csr.ts, which reads the key);
 * a CSR that cannot be read gives no names, never an error: the order form checked it already, and
 * recording its names must never stop an order.
 */

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function readTlv(bytes: Uint8Array, at: number, limit: number): Tlv | undefined {
  if (at + 2 > limit) return undefined;
  const tag = bytes[at]!;
  let len = bytes[at + 1]!;
  let start = at + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4 || start + count > limit) return undefined;
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + bytes[start + i]!;
    start += count;
  }
  return start + len > limit ? undefined : { tag, start, end: start + len };
}

function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const tlv = readTlv(bytes, at, parent.end);
    if (!tlv) break;
    out.push(tlv);
    at = tlv.end;
  }
  return out;
}

/** An OID's DER bytes as hex: compared with the known ones below, no decoding needed. */
const hex = (bytes: Uint8Array, t: Tlv) => Buffer.from(bytes.subarray(t.start, t.end)).toString("hex");
const OID_COMMON_NAME = "550403"; // 2.5.4.3
const OID_EXTENSION_REQUEST = "2a864886f70d01090e"; // 1.2.840.113549.1.9.14
const OID_SUBJECT_ALT_NAME = "551d11"; // 2.5.29.17
const DNS_NAME = 0x82; // GeneralName [2] IA5String

const text = (bytes: Uint8Array, t: Tlv) => new TextDecoder().decode(bytes.subarray(t.start, t.end));

function pemBytes(pem: string): Uint8Array | undefined {
  const m = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\s]+)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(pem);
  if (!m) return undefined;
  try {
    return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ""), "base64"));
  } catch {
    return undefined;
  }
}

export interface CsrNames {
  commonName?: string;
  /** DNS names of the subjectAltName extension, as written. */
  altNames: string[];
}

export function csrNames(pem: string): CsrNames {
  const bytes = pemBytes(pem);
  const none: CsrNames = { altNames: [] };
  if (!bytes) return none;
  const outer = readTlv(bytes, 0, bytes.length);
  const info = outer && children(bytes, outer)[0];
  if (!info) return none;
  const [, subject, , attributes] = children(bytes, info);
  const out: CsrNames = { altNames: [] };
  for (const rdn of subject ? children(bytes, subject) : []) {
    for (const atv of children(bytes, rdn)) {
      const [type, value] = children(bytes, atv);
      if (type && value && hex(bytes, type) === OID_COMMON_NAME && out.commonName === undefined) out.commonName = text(bytes, value);
    }
  }
  // attributes [0] IMPLICIT SET OF Attribute { type, values SET OF Extensions }.
  if (attributes?.tag === 0xa0) {
    for (const attribute of children(bytes, attributes)) {
      const [type, values] = children(bytes, attribute);
      if (!type || !values || hex(bytes, type) !== OID_EXTENSION_REQUEST) continue;
      for (const extensions of children(bytes, values)) {
        for (const extension of children(bytes, extensions)) {
          const parts = children(bytes, extension);
          const id = parts[0];
          const value = parts[parts.length - 1];
          if (!id || !value || hex(bytes, id) !== OID_SUBJECT_ALT_NAME) continue;
          const names = readTlv(bytes, value.start, value.end);
          for (const name of names ? children(bytes, names) : []) if (name.tag === DNS_NAME) out.altNames.push(text(bytes, name));
        }
      }
    }
  }
  return out;
}
