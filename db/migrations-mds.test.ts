/** 0007_mds_commune: each MDS gets the commune its papers are made in (« Fait à Arras, le … »). */
import { describe, expect, it } from 'vitest';
import { insertMds, migrationCase } from './testing';

describe('migration of the MDS commune', () => {
  it('0007_mds_commune adds an empty commune to existing MDS and keeps their address', () => {
    migrationCase(
      '0007_mds_commune',
      (sqlite) => {
        const mdsId = insertMds(sqlite);
        sqlite.prepare('UPDATE mds SET address = ? WHERE id = ?').run('3 rue Gambetta, 62000 Arras', mdsId);
        expect(() => sqlite.prepare('SELECT commune FROM mds').all()).toThrow(/commune/);
        return { mdsId };
      },
      (sqlite, { mdsId }) => {
        expect(sqlite.prepare('SELECT address, commune FROM mds WHERE id = ?').get(mdsId)).toEqual({ address: '3 rue Gambetta, 62000 Arras', commune: null });
        sqlite.prepare('UPDATE mds SET commune = ? WHERE id = ?').run('Arras', mdsId);
        expect(sqlite.prepare('SELECT commune FROM mds WHERE id = ?').get(mdsId)).toEqual({ commune: 'Arras' });
      },
    );
  });
});
