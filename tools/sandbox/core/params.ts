/** Request parameters as received (repeats kept, order kept) and the shared validation helpers. */
import { err, type Spelling } from "./errors";
import { isIsoCountry } from "./countries";

export class ParamBag {
  constructor(private readonly entries: ReadonlyArray<readonly [string, string]>) {}

  static from(...sources: URLSearchParams[]): ParamBag {
    const entries: Array<[string, string]> = [];
    for (const source of sources) for (const [k, v] of source) entries.push([k, v]);
    return new ParamBag(entries);
  }

  /** Distinct parameter names in order of first appearance. */
  names(): string[] {
    return [...new Set(this.entries.map(([k]) => k))];
  }

  /** First value; an empty value counts as absent (a blank form field). Repeats: the first wins. */
  get(name: string): string | undefined {
    const hit = this.entries.find(([k, v]) => k === name && v !== "");
    return hit?.[1];
  }

  getAll(name: string): string[] {
    return this.entries.filter(([k, v]) => k === name && v !== "").map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** A copy with every name mapped (PlaceOrder's names are case-insensitive). */
  rename(map: (name: string) => string): ParamBag {
    return new ParamBag(this.entries.map(([k, v]) => [map(k), v] as const));
  }
}

export interface ParamSpec {
  name: string;
  required?: boolean;
  /** Maximum length in characters; longer -> -4. */
  max?: number;
}

/** -2 first unknown name, then -3 first missing required one, then -4 first over-long value. */
export function checkParams(bag: ParamBag, specs: readonly ParamSpec[], spelling: Spelling = "uk", isExtraKnown?: (name: string) => boolean): void {
  const known = new Map(specs.map((s) => [s.name, s]));
  for (const name of bag.names()) {
    if (!known.has(name) && !isExtraKnown?.(name)) throw err.unrecognised(name, spelling);
  }
  for (const spec of specs) if (spec.required && !bag.has(spec.name)) throw err.missing(spec.name);
  for (const spec of specs) {
    if (spec.max === undefined) continue;
    for (const value of bag.getAll(spec.name)) if (value.length > spec.max) throw err.invalid(spec.name);
  }
}

export function optionalYN(bag: ParamBag, name: string, fallback: boolean): boolean {
  const value = bag.get(name);
  if (value === undefined) return fallback;
  const upper = value.toUpperCase();
  if (upper === "Y") return true;
  if (upper === "N") return false;
  throw err.invalid(name);
}

export function optionalInt(bag: ParamBag, name: string): number | undefined {
  const value = bag.get(name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(value.trim())) throw err.invalid(name);
  return Number(value.trim());
}

export function optionalCountry(bag: ParamBag, name: string): string | undefined {
  const value = bag.get(name);
  if (value === undefined) return undefined;
  if (!isIsoCountry(value)) throw err.badCountry(value, name);
  return value.toUpperCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
/** A DNS name (optionally a leading "*." wildcard), at most 253 characters. */
export function isDomainName(value: string, allowWildcard = false): boolean {
  const name = allowWildcard && value.startsWith("*.") ? value.slice(2) : value;
  if (name.length > 253) return false;
  const labels = name.split(".");
  return labels.length >= 2 && labels.every((l) => LABEL.test(l));
}

/** Order numbers are documented as integer (string on AutoRefund): accept digits either way. */
export function orderNumberParam(bag: ParamBag, name: string): string | undefined {
  const value = bag.get(name);
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^\d{1,18}$/.test(trimmed)) throw err.invalid(name);
  return String(Number(trimmed));
}
