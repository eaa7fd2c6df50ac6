/** No 0/O, 1/l/I: a temporary password is read aloud or copied by hand. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random temporary password in groups of four ("k7Qm-2xPa-9cVt"), easy to pass on. */
export function suggestTemporaryPassword(): string {
  const bytes = new Uint32Array(12);
  crypto.getRandomValues(bytes);
  const characters = [...bytes].map((value) => ALPHABET[value % ALPHABET.length] ?? 'x');
  return [0, 4, 8].map((start) => characters.slice(start, start + 4).join('')).join('-');
}
