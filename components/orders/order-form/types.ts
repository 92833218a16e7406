/** The order form's shared shapes: the accounts it offers, what a picker returns, the draft kept in the tab. */
export interface AccountOption {
  id: string;
  label: string;
  mode: "SANDBOX" | "LIVE";
  isDefault: boolean;
  /** What a new SiteLock license's "renew automatically" box starts as. */
  autoRenewDefault: boolean;
}

export type CustomerPick = {
  id: string;
  name: string;
  email: string;
  foreName?: string | null;
  surName?: string | null;
  telephone?: string | null;
  country?: string | null;
  orders?: Array<{ orderNumber: string | null }>;
};
export type LicensePick = { id: string; domainName: string; productName: string; currentOrderNumber: string | null; customer: { id: string; name: string; email: string }; addOns: Array<{ productCode: number; productName: string }> };

export interface Draft {
  productKey?: string;
  submissionKey: string;
  accountId?: string;
  customer?: CustomerPick | null;
  license?: LicensePick | null;
  resellerPays?: boolean;
  values?: Record<string, unknown>;
  /** Each product's values as the user left it: switching back restores them (lib/orders/form-carry-over.ts). */
  byProduct?: Record<string, Record<string, unknown>>;
  /** Products already added to this order (a cart: PlaceOrder products only). */
  cart?: CartItem[];
  /** Order-level values (customer, company) carried to the next product of the cart. */
  carry?: Record<string, unknown>;
}

export interface CartItem {
  productKey: string;
  values: Record<string, unknown>;
}
