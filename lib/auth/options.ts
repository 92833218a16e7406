import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import type { Role } from "@/lib/auth/roles";
import { serverEnv } from "@/lib/env";

export function authOptions(): NextAuthOptions {
  return {
    secret: serverEnv().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin", signOut: "/signout" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        // Errors thrown here reach the sign-in form as their message (never a password).
        authorize: async (credentials) => {
          // The same schema as the form: nothing malformed reaches the throttle table or bcrypt.
          const parsed = signInSchema.safeParse(credentials ?? {});
          if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Enter your email and password.");
          return verifyCredentials(parsed.data.email, parsed.data.password);
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => {
        if (user) {
          token.sub = user.id;
          token.role = (user as unknown as { role: Role }).role;
        }
        return token;
      },
      session: ({ session, token }) => {
        if (session.user) {
          session.user.id = token.sub ?? "";
          session.user.role = token.role as Role;
        }
        return session;
      },
    },
  };
}
