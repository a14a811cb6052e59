/**
 * The demo's clock. The app reads `now`; while the demo is being created, `travel` may set it back to an earlier day
 * (a rendez-vous planned weeks ago, its presence recorded on the day) and then forward again (`null`: the real
 * time). Small and free of the demo's other imports, so that the host may create it before the app.
 */
export interface DemoClock {
  now: () => Date;
  /** `yyyy-mm-dd`: from now on the app lives on that day (10:00, local time); null: back to the real time. */
  travel: (day: string | null) => void;
}

export function demoClock(real: () => Date = () => new Date()): DemoClock {
  let day: string | null = null;
  return {
    now: () => (day === null ? real() : new Date(`${day}T10:00:00`)),
    travel: (to) => {
      day = to;
    },
  };
}
