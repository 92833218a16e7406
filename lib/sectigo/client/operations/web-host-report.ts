/**
 * `!WebHostReport`: the reseller's orders, filtered and paged. The response page was not
 * retrievable; the shape follows the changelog (`X_field`, `X_Y_field`) and third-party
 * clients (`noOfResults`, UNIX timestamps). Source: Sectigo's WebHostReport reference.
 */
import { type CallContext, validationError } from "../errors/map-error";
import type { SectigoError } from "../types";
import { FormBody, commaList, unixSeconds } from "../wire/form";
import { WIRE_FIELDS } from "../wire/fields";
import { type ParsedBody, nonEmpty, parseDate, parseMoney } from "../wire/response";

const W = WIRE_FIELDS.webHostReport;

export interface WebHostReportInput {
  /** Orders placed before this are excluded (`notBefore`, treated as order date: the reference also calls it the issuance time). */
  placedFrom?: Date;
  /** Orders placed after this are excluded (`notAfter`). */
  placedTo?: Date;
  /** Result indexes to return (`firstResultNo`..`lastResultNo`). */
  page?: { first: number; last: number };
  /** `_` and `%` wildcards allowed. */
  organizationName?: string;
  /** Filter on the domain (`fqdn`); `_` and `%` wildcards allowed. */
  domainName?: string;
  orderNumbers?: string[];
  /** Order Desk's own references: the way to reconcile an order whose outcome is unknown. */
  foreignOrderNumbers?: string[];
  certificateIds?: string[];
  statusCodes?: number[];
  statusDescriptions?: string[];
  expiresFrom?: Date;
  expiresTo?: Date;
  showStatusDetails?: boolean;
  showCost?: boolean;
  showOldItems?: boolean;
}

export interface WebHostReportItem {
  /** 1-based position inside the order (`X_Y_`). */
  index: number;
  type?: string;
  /** `X_Y_productID` (the item's product code). */
  productCode?: number;
  domain?: string;
  status?: string;
  notBefore?: Date;
  notAfter?: Date;
  termStart?: Date;
  termEnd?: Date;
  /** Every field of this item as sent by Sectigo (read-only; for display and debugging). */
  extra: Record<string, string>;
}

export interface WebHostReportRow {
  /** 1-based position in the report (`X_`). */
  index: number;
  orderNumber?: string;
  foreignOrderNumber?: string;
  orderStatus?: string;
  placedAt?: Date;
  organizationName?: string;
  domainName?: string;
  productCode?: number;
  cost?: number;
  items: WebHostReportItem[];
  extra: Record<string, string>;
}

export interface WebHostReport {
  /** `noOfResults` when Sectigo sends it. */
  resultCount?: number;
  rows: WebHostReportRow[];
}

export function validateWebHostReport(input: WebHostReportInput, ctx: CallContext): SectigoError | undefined {
  const p = input.page;
  if (p && (!Number.isInteger(p.first) || !Number.isInteger(p.last) || p.first < 0 || p.last < p.first)) {
    return validationError(ctx, "page", "INVALID_FIELD", "The page range is invalid.");
  }
  if (input.placedFrom && input.placedTo && input.placedFrom > input.placedTo) {
    return validationError(ctx, "placedFrom", "INVALID_FIELD", "The start date must be before the end date.");
  }
  if (input.organizationName !== undefined && input.organizationName.length > 64) {
    return validationError(ctx, "organizationName", "INVALID_FIELD", "The organisation filter can be at most 64 characters.");
  }
  return undefined;
}

export function encodeWebHostReport(input: WebHostReportInput, auth: { loginName: string; loginPassword: string }): FormBody {
  return new FormBody()
    .set(W.loginName, auth.loginName)
    .set(W.loginPassword, auth.loginPassword)
    .set(W.placedFrom, unixSeconds(input.placedFrom))
    .set(W.placedTo, unixSeconds(input.placedTo))
    .set(W.firstResult, input.page?.first)
    .set(W.lastResult, input.page?.last)
    .set(W.organizationName, input.organizationName)
    .set(W.domainName, input.domainName)
    .set(W.orderNumbers, commaList(input.orderNumbers))
    .set(W.foreignOrderNumbers, commaList(input.foreignOrderNumbers))
    .set(W.certificateIds, commaList(input.certificateIds))
    .set(W.statusCodes, commaList(input.statusCodes))
    .set(W.statusDescriptions, commaList(input.statusDescriptions))
    .set(W.expiresFrom, unixSeconds(input.expiresFrom))
    .set(W.expiresTo, unixSeconds(input.expiresTo))
    .set(W.showStatusDetails, input.showStatusDetails)
    .set(W.showCost, input.showCost)
    .set(W.showOldItems, input.showOldItems);
}

const ROW_KEY = /^_?(\d+)_(.+)$/;
const ITEM_KEY = /^_?(\d+)_(\d+)_(.+)$/;

/** Numbered keys → rows: `N_field` is order N, `N_M_field` is item M of order N (1-based). */
export function decodeWebHostReport(body: ParsedBody): WebHostReport | undefined {
  if (body.status !== 0) return undefined;
  if (body.format === "lines") {
    // Only a bare "0" (nothing found) makes sense in the newline layout.
    return body.lines.slice(1).every((l) => !l.trim()) ? { rows: [] } : undefined;
  }
  const rows = new Map<number, { extra: Record<string, string>; items: Map<number, Record<string, string>> }>();
  const rowFor = (n: number) => {
    let row = rows.get(n);
    if (!row) rows.set(n, (row = { extra: {}, items: new Map() }));
    return row;
  };
  let resultCount: number | undefined;
  for (const [key, value] of body.fields.entries) {
    const item = ITEM_KEY.exec(key);
    if (item) {
      const row = rowFor(Number(item[1]));
      const m = Number(item[2]);
      const fields = row.items.get(m) ?? {};
      fields[item[3]!] = value;
      row.items.set(m, fields);
      continue;
    }
    const top = ROW_KEY.exec(key);
    if (top) {
      rowFor(Number(top[1])).extra[top[2]!] = value;
      continue;
    }
    if (key.toLowerCase() === "noofresults") {
      if (!/^\d+$/.test(value.trim())) return undefined;
      resultCount = Number(value.trim());
    }
  }
  const out: WebHostReport = {
    rows: [...rows.entries()].sort(([a], [b]) => a - b).map(([index, row]) => toRow(index, row.extra, row.items)),
  };
  if (resultCount !== undefined) out.resultCount = resultCount;
  return out;
}

function pick(fields: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) {
    const key = Object.keys(fields).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined && nonEmpty(fields[key])) return nonEmpty(fields[key]);
  }
  return undefined;
}

function assignDefined<T extends object>(target: T, values: Partial<T>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  return target;
}

function toRow(index: number, extra: Record<string, string>, items: Map<number, Record<string, string>>): WebHostReportRow {
  const product = pick(extra, "productCode", "product");
  return assignDefined<WebHostReportRow>(
    {
      index,
      items: [...items.entries()].sort(([a], [b]) => a - b).map(([i, fields]) => toItem(i, fields)),
      extra,
    },
    {
      orderNumber: pick(extra, "orderNumber"),
      foreignOrderNumber: pick(extra, "foreignOrderNumber"),
      orderStatus: pick(extra, "orderStatus", "status"),
      placedAt: parseDate(pick(extra, "dateTime", "orderDate")),
      organizationName: pick(extra, "organizationName"),
      domainName: pick(extra, "domainName", "fqdn", "domain"),
      productCode: product && /^\d+$/.test(product) ? Number(product) : undefined,
      cost: parseMoney(pick(extra, "cost")),
    },
  );
}

function intOf(value: string | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function toItem(index: number, fields: Record<string, string>): WebHostReportItem {
  return assignDefined<WebHostReportItem>(
    { index, extra: fields },
    {
      type: pick(fields, "type"),
      productCode: intOf(pick(fields, "productID", "productCode")),
      domain: pick(fields, "domain", "domainName", "fqdn"),
      status: pick(fields, "status", "certificateStatus"),
      notBefore: parseDate(pick(fields, "notBefore")),
      notAfter: parseDate(pick(fields, "notAfter")),
      termStart: parseDate(pick(fields, "productTermStartDate")),
      termEnd: parseDate(pick(fields, "productTermEndDate")),
    },
  );
}
