import { hash, verify, type Options } from '@node-rs/argon2';
import type { PasswordHasher } from '../services/context';

/** The library's Algorithm is an ambient const enum, which isolated modules cannot read: Argon2id is 2. */
const ARGON2ID = 2 as Options['algorithm'];

/** Argon2id with OWASP's recommended minimum (19 MiB, 2 passes); the parameters are stored in each hash. */
export const argon2idHasher: PasswordHasher = {
  hash: (password) => hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
  verify: async (stored, password) => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};
