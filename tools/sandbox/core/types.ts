/** The sandbox's persisted world: what "Sectigo" knows. Dates are ISO strings so the state is plain JSON. */
import type { ClockState } from "./clock";

export interface Account {
  loginName: string;
  /** Never echoed by the admin API and never logged. */
  loginPassword: string;
  accountId: number;
  funds: number;
  currency: string;
  /** Funds may go negative down to -creditLimit before -15. */
  creditLimit: number;
  siteLockEnabled: boolean;
  /** Used when AutoApplyOrder omits enableAutoRenew. */
  autoRenewDefault: boolean;
  /** null = unlimited. Counted on the sandbox clock (see core/call-limit.ts). */
  callLimitPerMinute: number | null;
}

export interface Customer {
  id: string;
  loginName: string;
  email: string;
  name: string;
  foreName?: string;
  surName?: string;
  telephone?: string;
  organizationName?: string;
  countryName?: string;
  address: Record<string, string>;
  /** SiteLock dashboard login (appRepLoginName, else the e-mail). */
  siteLockLogin: string;
  /** SiteLock user ID (numeric string). */
  slUserId: string;
  createdAt: string;
}

export type LicenseStatus = "active" | "awaiting" | "cancelled" | "refunded" | "rejected";

export interface License {
  id: string;
  loginName: string;
  customerId: string;
  productCode: number;
  domainName: string;
  /** 0 for the one-off SiteLock 911 service. */
  termDays: number;
  startsAt: string;
  expiresAt: string;
  /** Start of the current refund period: purchase or last renewal. */
  refundWindowStart: string;
  /** What the reseller actually paid for the current period (refunds credit this back). */
  periodCharge: number;
  autoRenew: boolean;
  status: LicenseStatus;
  /** Set for add-ons: the base license they belong to. */
  parentId: string | null;
  slSiteId: string;
  /** Every order that created or changed this license, oldest first. */
  orderNumbers: string[];
  visibility: number;
  certificateId?: string;
  autoRenewFailedAt?: string;
}

export type OrderStatus = "active" | "awaiting" | "rejected" | "cancelled" | "refunded" | "test";
export type OrderKind =
  | "new"
  | "new-domain"
  | "addon"
  | "renewal"
  | "upgrade"
  | "downgrade"
  | "ssl"
  | "auto-renewal";

export interface Order {
  orderNumber: string;
  loginName: string;
  customerId: string | null;
  foreignOrderNumber: string | null;
  createdAt: string;
  source: "AutoApplyOrder" | "PlaceOrder" | "auto-renewal" | "demo";
  kind: OrderKind;
  status: OrderStatus;
  totalCost: number;
  licenseIds: string[];
  /** Product codes requested, as sent (for test orders, which create no license). */
  products: number[];
  domainName: string | null;
  reseller: "Y" | "N" | null;
  previousOrderNumber: string | null;
  uniqueValue: string;
  refundReasonCode?: number;
  ap?: string;
  region?: string;
  offerCode?: string;
  /** PlaceOrder reseller=Y renewals: applied (and paid) when the order is authorized. */
  pendingRenewals?: PendingRenewal[];
}

export interface PendingRenewal {
  licenseId: string;
  days: number;
  price: number;
}

export interface SandboxState {
  version: 1;
  accounts: Record<string, Account>;
  customers: Record<string, Customer>;
  licenses: Record<string, License>;
  orders: Record<string, Order>;
  nextOrderNumber: number;
  nextId: number;
  nextAccountId: number;
  clock: ClockState;
}

/** Generated order numbers start here, clear of the demo's 91000xx numbers. */
export const FIRST_ORDER_NUMBER = 9_200_001;

export function emptyState(): SandboxState {
  return {
    version: 1,
    accounts: {},
    customers: {},
    licenses: {},
    orders: {},
    nextOrderNumber: FIRST_ORDER_NUMBER,
    nextId: 1,
    nextAccountId: 500_001,
    clock: { frozenAt: null, offsetMs: 0 },
  };
}
