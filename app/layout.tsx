import type { Metadata } from "next";
import "./globals.css";

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
