import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum profile). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verifying against this when the user does not exist keeps the time of a failed sign-in the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$aGqFEaqB/7usrxwXMR0FmA$bDNRJ9ZfDh8AnWncRu5pCT/EEa4S2Ws42rqHJiKRmYI';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}
