/**
 * The daily part of the échéancier: when the database is open on a day its due items were not computed for (the
 * first login of the day, or the first call after midnight), every dossier is recomputed in the background, in
 * chunks through the write queue (see ensureDueItemsDay in ./due.ts). One run at a time.
 */
import type { Sqlite } from '../../../db/open';
import { toIso } from '../../../shared/domain/rules/dates';
import type { AppContext } from '../context';
import { ensureDueItemsDay } from './due';

class Closed extends Error {}

export class DailyDueRefresh {
  private checkedDay: string | null = null;
  /** The database handle checked: a restore or a reopening gives a new one, whose items may hold for another day. */
  private checkedHandle: Sqlite | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly app: AppContext) {}

  /** Starts the refresh if the day changed since the last check and the database is open; cheap otherwise. */
  poke(): void {
    const today = toIso(this.app.options.now());
    const open = this.app.workspace.current;
    if (this.stopped || this.running || !open || (this.checkedDay === today && this.checkedHandle === open.sqlite)) return;
    this.checkedDay = today;
    this.checkedHandle = open.sqlite;
    this.running = this.run(open.sqlite, today)
      .catch((error: unknown) => {
        this.checkedDay = null;
        if (!(error instanceof Closed)) console.error('[échéancier] calcul quotidien interrompu', error);
      })
      .finally(() => {
        this.running = null;
      });
  }

  /** Stops the refresh in progress after its current chunk (the app closes); resolves when it has stopped. */
  stop(): Promise<void> {
    this.stopped = true;
    return this.running ?? Promise.resolve();
  }

  private async run(sqlite: Sqlite, today: string): Promise<void> {
    const { workspace } = this.app;
    await ensureDueItemsDay(sqlite, today, (write) =>
      workspace.writes.run(() => {
        // The database may have closed (logout, expiry) between two chunks: stop; the next opening resumes.
        if (this.stopped || workspace.current?.sqlite !== sqlite || !sqlite.open) throw new Closed();
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          write();
          sqlite.exec('COMMIT');
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  }
}
