/**
 * The automatic backups: one at start — the first opening of the database in this run of the app, a little after it
 * so that it does not compete with the first screens — then one a day (the first call of a new day while the database
 * is open). Same pattern as the échéancier's daily refresh (main/services/desk/daily.ts): `poke()` after each answered
 * call, one run at a time, `stop()` when the app closes. A failure is logged; the administrator's desk shows the date
 * of the last backup, and an alert when it is older than 2 days.
 */
import { toIso } from '../../../shared/domain/rules/dates';
import type { AppContext } from '../context';
import { automaticBackup, Closed } from './make';

export const START_BACKUP_DELAY_MS = 30_000;

export class AutomaticBackups {
  private started = false;
  private lastDay: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly app: AppContext,
    private readonly startDelayMs = START_BACKUP_DELAY_MS,
  ) {}

  /** Starts a backup when one is due and the database is open; cheap otherwise. */
  poke(): void {
    if (this.stopped || this.running || this.timer || !this.app.workspace.current) return;
    if (!this.started) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.launch('demarrage');
      }, this.startDelayMs);
      this.timer.unref();
      return;
    }
    if (this.lastDay !== toIso(this.app.options.now())) this.launch('quotidienne');
  }

  /** Cancels a backup not started yet and waits for the one running (its copy ends the current chunk of work). */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.running ?? Promise.resolve();
  }

  /** The backup in progress, if any (tests). */
  get current(): Promise<void> | null {
    return this.running;
  }

  private launch(kind: 'demarrage' | 'quotidienne'): void {
    const open = this.app.workspace.current;
    if (this.stopped || !open) return;
    const day = toIso(this.app.options.now());
    this.running = automaticBackup(this.app, open, kind)
      .then(
        () => undefined,
        (error: unknown) => {
          if (!(error instanceof Closed)) console.error('[sauvegarde] sauvegarde automatique en échec', error);
        },
      )
      .finally(() => {
        // Tried for today, even when it failed: the next try is tomorrow's (or the next start's).
        this.started = true;
        this.lastDay = day;
        this.running = null;
      });
  }
}
