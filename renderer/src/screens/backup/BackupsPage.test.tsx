import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { BackupItem, BackupSummary } from '../../../../shared/api/backup';
import { ApiError } from '../../../../shared/api/errors';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { backupOverdue } from './BackupsPage';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const counts = { persons: 12, foyers: 10, users: 4, audit_log: 300 };
const ITEM: BackupItem = {
  id: 3,
  at: '2026-03-02T09:00:00.000Z',
  kind: 'quotidienne',
  path: '/mnt/partage/parcours-2026-03-02_09-00-00-000',
  sizeBytes: 5 * 1024 * 1024,
  counts,
  verifiedAt: '2026-03-02T09:00:02.000Z',
  byUser: null,
  removedAt: null,
};
const REMOVED: BackupItem = { ...ITEM, id: 1, at: '2026-02-01T09:00:00.000Z', path: '/mnt/partage/ancienne', removedAt: '2026-02-10T09:00:00.000Z' };
const SUMMARY: BackupSummary = { at: ITEM.at, kind: ITEM.kind, path: ITEM.path, sizeBytes: ITEM.sizeBytes, counts, verifiedAt: ITEM.verifiedAt, schemaVersion: 11, appVersion: '0.1.0' };

describe('backupOverdue', () => {
  it('is true without a backup or when the last is older than 2 days', () => {
    const now = new Date('2026-03-05T10:00:00.000Z');
    expect(backupOverdue(null, now)).toBe(true);
    expect(backupOverdue('2026-03-03T09:00:00.000Z', now)).toBe(true);
    expect(backupOverdue('2026-03-03T11:00:00.000Z', now)).toBe(false);
  });
});

describe('Administration › Sauvegardes', () => {
  it('lists the backups, makes one now, and restores a chosen one after confirmation', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      handlers: {
        'backups.list': () => ({ folder: '/mnt/partage', items: [ITEM, REMOVED], lastBackupAt: ITEM.at }),
        'backups.settings.get': () => ({ folder: '/mnt/partage', defaultFolder: '/donnees/sauvegardes', isDefault: false }),
        'backups.create': () => ({ ...ITEM, id: 4, kind: 'manuelle', byUser: 'Alice Martin' }),
        'backups.inspectFolder': () => SUMMARY,
        'backups.restore': () => ({ ok: true, restored: SUMMARY, setAside: ['/donnees/parcours.db.avant-restauration-x'] }),
      },
    });
    renderApp(backend.transport, { path: '/administration/sauvegardes' });
    expect(await screen.findByText(/Dernière sauvegarde : 02\/03\/2026/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Sauvegardes' })).toBeInTheDocument();
    const table = screen.getByRole('region', { name: 'Liste des sauvegardes' });
    expect(within(table).getByText(/Supprimée par la rotation le 10\/02\/2026/)).toBeInTheDocument();
    expect(within(table).getAllByRole('button', { name: /Restaurer la sauvegarde/ })).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Faire une sauvegarde maintenant' }));
    expect(await screen.findByText(/La sauvegarde est faite et vérifiée/)).toBeInTheDocument();
    expect(backend.inputsOf('backups.create')).toEqual([{}]);

    await user.click(within(table).getByRole('button', { name: /Restaurer la sauvegarde du 02\/03\/2026/ }));
    expect(screen.getByLabelText(/Dossier de la sauvegarde/)).toHaveValue(ITEM.path);
    await user.click(screen.getByRole('button', { name: 'Examiner' }));
    expect(await screen.findByText(/Personnes : 12/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Identifiant d’un administrateur/)).toHaveValue('admin');
    await user.type(screen.getByLabelText(/Son mot de passe/), 'ancien-mot-de-passe');
    await user.click(screen.getByRole('button', { name: 'Restaurer cette sauvegarde…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restaurer cette sauvegarde ?' });
    expect(backend.inputsOf('backups.restore')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Restaurer' }));
    expect(await screen.findByRole('button', { name: /Se connecter/ })).toBeInTheDocument();
    expect(backend.inputsOf('backups.restore')).toEqual([{ path: ITEM.path, login: 'admin', password: 'ancien-mot-de-passe' }]);
  });

  it('shows a refused folder at the field', async () => {
    const user = userEvent.setup();
    const message = 'Le dossier des sauvegardes « /mnt/absent » n’existe pas ou n’est pas accessible.';
    const backend = createFakeBackend({
      handlers: {
        'backups.list': () => ({ folder: '/donnees/sauvegardes', items: [], lastBackupAt: null }),
        'backups.settings.get': () => ({ folder: '/donnees/sauvegardes', defaultFolder: '/donnees/sauvegardes', isDefault: true }),
        'backups.settings.update': () => {
          throw new ApiError('VALIDATION', message, { folder: message });
        },
      },
    });
    renderApp(backend.transport, { path: '/administration/sauvegardes' });
    expect(await screen.findByText(/Aucune sauvegarde n’a encore été faite/)).toBeInTheDocument();
    const field = screen.getByRole('textbox', { name: 'Dossier des sauvegardes' });
    await user.clear(field);
    await user.type(field, '/mnt/absent');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le dossier' }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(backend.inputsOf('backups.settings.update')).toEqual([{ folder: '/mnt/absent' }]);
  });
});
