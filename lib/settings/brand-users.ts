import { orderableByFamily } from "@/lib/catalog";

/** The orderable catalog products placed through `!PlaceOrder`, which sends the account's brand (`ap`). */
export function placeOrderProductNames(): string[] {
  return orderableByFamily().flatMap((g) => g.products.filter((p) => p.api === "PlaceOrder").map((p) => p.name));
}
