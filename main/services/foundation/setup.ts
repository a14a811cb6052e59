/** The workspace's public face: status, first-run setup, the user's MDS. */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { addSlot, createKeyFile, generateDatabaseKey, recoveryFilePathFor } from '../../../db/keyslots';
import { openDatabase, type OpenedDatabase } from '../../../db/open';
import { toIso } from '../../../shared/domain/rules/dates';
import { markDueItemsDay } from '../desk/due';
import { issueRecoveryKey } from '../recovery';
import { findMds, insertMds, insertUser, mdsSnapshot, recordAudit, updateMds, userSnapshot } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { Mds } from '../../../db/schema';
import { auditActor, type AuthedCall, type PublicCall } from '../context';

export function status(_input: MethodParsedInput<'app.status'>, call: PublicCall): MethodOutput<'app.status'> {
  const { app, actor } = call;
  const open = app.workspace.current;
  const office = actor && open ? findMds(open.db, actor.mdsId) : undefined;
  return {
    initialized: app.workspace.isInitialized(),
    mds: office ? toApiMds(office) : null,
    appVersion: app.options.appVersion,
    schemaVersion: app.workspace.schemaVersion(),
  };
}

/** Files SQLite may create beside the database. */
const sqliteCompanions = (dbPath: string) => [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`];

/**
 * First run: creates the key file, the database, the MDS, the first administrator and the recovery key (returned once,
 * with its sheet). Either everything is created or nothing stays behind.
 */
export function setupCreate(input: MethodParsedInput<'setup.create'>, call: PublicCall): Promise<MethodOutput<'setup.create'>> {
  const { app } = call;
  const ws = app.workspace;
  return ws.lock.run(async () => {
    if (ws.isInitialized()) {
      throw new ApiError('ALREADY_INITIALIZED', 'L’application est déjà initialisée : connectez-vous.');
    }
    if (existsSync(ws.keyPath)) {
      throw new ApiError(
        'DATABASE',
        `Un fichier des clés existe sans base de données dans ${ws.dataDir} : déplacez-le ou supprimez-le avant de recommencer l’initialisation.`,
      );
    }
    const spareKeys = recoveryFilePathFor(ws.keyPath);
    if (existsSync(spareKeys)) {
      throw new ApiError(
        'DATABASE',
        `Une copie de secours des clés (${spareKeys}) existe sans base de données : déplacez-la ou supprimez-la avant de recommencer l’initialisation.`,
      );
    }
    const created: string[] = [];
    let handle: OpenedDatabase | undefined;
    const key = generateDatabaseKey();
    try {
      mkdirSync(ws.dataDir, { recursive: true });
      await createKeyFile(ws.keyPath);
      created.push(ws.keyPath);
      created.push(...sqliteCompanions(ws.dbPath));
      handle = openDatabase({ file: ws.dbPath, key, migrationsFolder: ws.migrationsFolder, create: true });
      const at = app.nowIso();
      const db = handle.db;
      db.transaction((tx) => {
        const office = insertMds(tx, input.mds, at);
        const admin = insertUser(
          tx,
          { login: input.admin.login, displayName: input.admin.displayName, role: 'administrateur', structure: input.admin.structure, mdsId: office.id },
          at,
        );
        const actor = { id: admin.id, login: admin.login };
        recordAudit(tx, { actor, at, entity: 'mds', entityId: office.id, action: 'create', before: null, after: mdsSnapshot(office) });
        recordAudit(tx, { actor, at, entity: 'user', entityId: admin.id, action: 'create', before: null, after: userSnapshot(admin) });
      });
      // No dossier yet: the échéancier holds for today (main/services/desk/due.ts).
      markDueItemsDay(handle.sqlite, toIso(app.options.now()));
      await addSlot(ws.keyPath, input.admin.login, input.admin.password, key);
      created.push(spareKeys);
      const recovery = await issueRecoveryKey(ws.keyPath, key, at);
      handle.close();
      handle = undefined;
      return { ok: true as const, recovery };
    } catch (error) {
      handle?.close();
      for (const file of created) rmSync(file, { force: true });
      throw error;
    } finally {
      key.fill(0);
    }
  });
}

const toApiMds = (office: Mds): MethodOutput<'mds.get'> => ({
  id: office.id,
  name: office.name,
  territory: office.territory,
  address: office.address ?? undefined,
  commune: office.commune ?? undefined,
});

function ownMds(call: AuthedCall): Mds {
  const office = findMds(call.open.db, call.actor.mdsId);
  if (!office) throw new ApiError('NOT_FOUND', 'La MDS de votre compte est introuvable.');
  return office;
}

export function mdsGet(_input: MethodParsedInput<'mds.get'>, call: AuthedCall): MethodOutput<'mds.get'> {
  return toApiMds(ownMds(call));
}

/** Name, postal address and commune of the administrator's MDS (the commune goes on its papers: « Fait à … »). */
export function mdsUpdate(input: MethodParsedInput<'mds.update'>, call: AuthedCall): MethodOutput<'mds.update'> {
  const before = ownMds(call);
  return call.open.db.transaction((tx) => {
    const after = updateMds(tx, before.id, { ...input, territory: before.territory });
    recordAudit(tx, { actor: auditActor(call.actor), at: call.app.nowIso(), entity: 'mds', entityId: after.id, action: 'update', before: mdsSnapshot(before), after: mdsSnapshot(after) });
    return toApiMds(after);
  });
}
