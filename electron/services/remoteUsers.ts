import type { SessionUser } from '../../shared/contract/auth';
import type { PacketUser } from '../../shared/packets/packetContent';
import { remoteUsername } from '../../shared/packets/remoteUsername';
import { findPacketSeen } from '../repositories/packetsRepository';
import { findUserById, findUserByUsername } from '../repositories/usersRepository';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

/** A packet is refused whole, before anything is written; the sentence says so. */
export function refusePacket(message: string): never {
  throw new DomainError('conflict', `${message} Nothing was imported.`);
}

/**
 * A person a packet names must not clash with someone here: their id must not be a local user's (ids are how
 * "nobody reviews their own decision" holds across installations), nor their marked username another's.
 */
export async function checkRemoteUser(ctx: Pick<ServiceContext, 'db'>, user: PacketUser, installationId: string): Promise<void> {
  const local = await findUserById(ctx.db, user.id);
  if (local && (local.remote_installation_id ?? null) === null) {
    refusePacket(`The packet names ${user.displayName}, whose id belongs to a user of this installation (${local.display_name}).`);
  }
  const byName = await findUserByUsername(ctx.db, remoteUsername(user.username, installationId));
  if (byName && byName.id !== user.id) {
    refusePacket(`The packet names ${user.displayName}, whose username at their installation is already used here by ${byName.display_name}.`);
  }
}

/** Writes (or refreshes) a person from another installation: same id, no password, never active, so never signed in here. */
export async function upsertRemoteUser(ctx: Pick<ServiceContext, 'db'>, user: PacketUser, installationId: string, now: string): Promise<void> {
  const local = await findUserById(ctx.db, user.id);
  if (local) {
    await ctx.db
      .updateTable('users')
      .set({
        username: remoteUsername(user.username, installationId),
        display_name: user.displayName,
        remote_installation_id: installationId,
        updated_at: now,
      })
      .where('id', '=', user.id)
      .execute();
    return;
  }
  await ctx.db
    .insertInto('users')
    .values({
      id: user.id,
      username: remoteUsername(user.username, installationId),
      display_name: user.displayName,
      password_hash: null,
      must_change_password: 0,
      active: 0,
      synthetic: 0,
      failed_sign_ins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
      remote_installation_id: installationId,
    })
    .execute();
}

/** The same packet twice changes nothing: refused with when and by whom it was first imported. */
export async function refuseReplay(ctx: Pick<ServiceContext, 'db'>, packetId: string): Promise<void> {
  const seen = await findPacketSeen(ctx.db, packetId);
  if (seen) {
    throw new DomainError(
      'conflict',
      `This packet was already imported on ${seen.imported_at.slice(0, 10)} by ${seen.importer_name}; nothing changed.`,
    );
  }
}

/** A remote reviewer as the actor of an approval or return applied from their sign-off. */
export function remoteReviewer(reviewer: { readonly id: string; readonly username: string; readonly displayName: string }): SessionUser {
  return { id: reviewer.id, username: reviewer.username, displayName: reviewer.displayName, roles: ['supervisor'], mustChangePassword: false };
}
