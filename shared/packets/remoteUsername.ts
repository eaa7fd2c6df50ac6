/**
 * A person from another installation is kept here under their username there, marked with that installation
 * ("lee@3b0f6a2e"): a supervisor with an account on both laptops is two users with two ids, and the mark (which a
 * username typed here cannot contain) keeps the two names apart and the remote one from ever signing in.
 */
export function remoteUsername(username: string, installationId: string): string {
  return `${username.slice(0, 55)}@${installationId.slice(0, 8)}`;
}

/** The username a packet carries for a user: a remote user's as it was at home. */
export function homeUsername(username: string): string {
  const at = username.indexOf('@');
  return at === -1 ? username : username.slice(0, at);
}
