import bcrypt from "bcryptjs";

/** bcrypt, cost 10 (about 60 ms here): slow enough for guessing, fast enough for sign-in. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}
