import type { Role } from "@/lib/auth/roles";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** Server-side session id (lib/auth/sessions.ts). */
    sid: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sid?: string;
  }
}
