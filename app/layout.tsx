import type { Metadata } from "next";
import "./globals.css";

// Every page is rendered per request: each response carries its own CSP nonce (proxy.ts), which
// Next can only put on its scripts when it renders the page for that request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Order Desk", template: "%s · Order Desk" },
  description: "Sectigo orders, licenses and renewals for resellers",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
