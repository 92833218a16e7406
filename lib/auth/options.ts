import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { publicSignInError, SignInRefused, verifyCredentials, WRONG_CREDENTIALS } from "@/lib/auth/verify-credentials";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import { createSession, SESSION_MAX_AGE_S, userOfSession } from "@/lib/auth/sessions";
import { auditRefusedSignIn, auditSignIn, endSessionBySignOut } from "@/lib/audit/auth-events";
import type { Role } from "@/lib/auth/roles";
import { clientAddressFrom } from "@/lib/http/client-address";
import { serverEnv } from "@/lib/env";

class SessionEndedError extends Error {
  constructor() {
    super("session ended");
    this.name = "SessionEndedError";
  }
}

export function authOptions(): NextAuthOptions {
  const env = serverEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // Secure (and __Secure- prefixed) cookies whenever the app is served over https.
    useSecureCookies: env.NEXTAUTH_URL?.startsWith("https://") ?? false,
    pages: { signIn: "/signin", signOut: "/signout" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        // A SignInRefused thrown here reaches the sign-in form as its message (never a password);
        // any other error becomes one sentence (publicSignInError).
        authorize: async (credentials, req) => {
          try {
            // The same schema as the form: nothing malformed reaches the throttle table or bcrypt.
            const parsed = signInSchema.safeParse(credentials ?? {});
            if (!parsed.success) throw new SignInRefused(parsed.error.issues[0]?.message ?? "Enter your email and password.");
            const headers = req?.headers as Record<string, unknown> | undefined;
            const address = clientAddressFrom(headers);
            const { verifiedPasswordHash, ...user } = await verifyCredentials(parsed.data.email, parsed.data.password, address);
            const userAgent = typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : "";
            const sid = await createSession(user.id, { address, userAgent }, verifiedPasswordHash, new Date(), (tx) => auditSignIn(tx, user, { address, userAgent }));
            // The password or the account changed while this sign-in was under way.
            if (!sid) throw new SignInRefused(WRONG_CREDENTIALS);
            return { ...user, sid };
          } catch (error) {
            if (error instanceof SignInRefused && error.audit) {
              const headers = req?.headers as Record<string, unknown> | undefined;
              const userAgent = typeof headers?.["user-agent"] === "string" ? headers["user-agent"] : undefined;
              await auditRefusedSignIn(error.audit.email, error.audit.outcome, { address: clientAddressFrom(headers), userAgent }).catch((e: unknown) => publicSignInError(e));
            }
            throw publicSignInError(error);
          }
        },
      }),
    ],
    callbacks: {
      jwt: ({ token, user }) => {
        if (user) {
          const signedIn = user as unknown as { id: string; role: Role; sid: string };
          token.sub = signedIn.id;
          token.role = signedIn.role;
          token.sid = signedIn.sid;
        }
        return token;
      },
      // Runs for every server-side session read and for /api/auth/session: a session that was
      // revoked or expired, or whose user is disabled, is no session at all (throwing makes
      // next-auth answer an empty session and clear the cookie). Name and role are read fresh.
      session: async ({ session, token }) => {
        const sid = typeof token.sid === "string" ? token.sid : "";
        const user = sid && token.sub ? await userOfSession(sid, token.sub) : null;
        if (!user) throw new SessionEndedError();
        return { ...session, user, sid };
      },
    },
    // next-auth logs a stack per unreadable or ended session cookie: anyone could flood the log.
    // One line per event, without metadata (it may carry tokens); ended sessions are routine.
    logger: {
      error: (code) => {
        if (code !== "JWT_SESSION_ERROR") console.error(`[auth] ${code}`);
      },
      warn: (code) => console.warn(`[auth] ${code}`),
      debug: () => {},
    },
    events: {
      // Sign-out ends the session server-side: the old cookie is worthless even if kept.
      signOut: async ({ token }) => {
        if (typeof token?.sid === "string") await endSessionBySignOut(token.sid, typeof token.sub === "string" ? token.sub : undefined);
      },
    },
  };
}
