import { useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { SEVERITY_LOOK } from '../../kit/SeverityChip';
import { ScrollTable } from '../../kit/ScrollRegion';
import { calendarGrid, DAY_COUNT_PARTS, dayLabel, shiftAnchor, WEEKDAYS, type CalendarMode, type DayCounts } from './calendarModel';

export interface EcheancierCalendarProps {
  mode: CalendarMode;
  anchor: string;
  onAnchor: (anchor: string) => void;
  today: string;
  /** Counts per day (echeancier.calendar), undefined while they are read. */
  counts: readonly ({ date: string } & DayCounts)[] | undefined;
  /** The day the list is narrowed to, if any. */
  selected: string | null;
  onDay: (date: string) => void;
}

const ARROWS: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

/**
 * The month or the week, Monday first; each day tells its counts by severity (words and colour) and is a button that
 * narrows the list to that day. One Tab stop: the arrow keys move between the days (roving focus).
 */
export function EcheancierCalendar({ mode, anchor, onAnchor, today, counts, selected, onDay }: EcheancierCalendarProps) {
  const grid = calendarGrid(mode, anchor);
  const byDate = new Map((counts ?? []).map((c) => [c.date, c]));
  const days = grid.weeks.flat();
  const inGrid = (date: string | null) => (date && days.some((d) => d.date === date) ? date : null);
  const focusable = inGrid(selected) ?? inGrid(today) ?? days.find((d) => !d.outside)?.date ?? days[0]!.date;
  const tableRef = useRef<HTMLDivElement>(null);

  const moveFocus = (from: string, delta: number) => {
    const index = days.findIndex((d) => d.date === from) + delta;
    const target = days[index];
    if (!target) return;
    tableRef.current?.querySelector<HTMLElement>(`[data-date="${target.date}"]`)?.focus();
  };

  const unit = mode === 'mois' ? 'Mois' : 'Semaine';
  return (
    <Box>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Button startIcon={<ChevronLeftIcon />} onClick={() => onAnchor(shiftAnchor(mode, anchor, -1))}>
          {`${unit} précédent${mode === 'semaine' ? 'e' : ''}`}
        </Button>
        <Typography component="h2" variant="h3" sx={{ flexGrow: 1, textAlign: 'center', '&::first-letter': { textTransform: 'uppercase' } }} aria-live="polite">
          {grid.label}
        </Typography>
        <Button onClick={() => onAnchor(today)}>Aujourd’hui</Button>
        <Button endIcon={<ChevronRightIcon />} onClick={() => onAnchor(shiftAnchor(mode, anchor, 1))}>
          {`${unit} suivant${mode === 'semaine' ? 'e' : ''}`}
        </Button>
      </Stack>
      <Box ref={tableRef}>
        <ScrollTable label={`Calendrier des échéances : ${grid.label}`} size="small" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }}>
          <TableHead>
            <TableRow>
              {WEEKDAYS.map(([short, long]) => (
                <TableCell key={long} component="th" scope="col" abbr={long} align="center" sx={{ fontWeight: 700, width: `${100 / 7}%` }}>
                  {short}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {grid.weeks.map((week) => (
              <TableRow key={week[0]!.date}>
                {week.map((day) => {
                  const dayCounts = byDate.get(day.date);
                  const isToday = day.date === today;
                  return (
                    <TableCell key={day.date} sx={{ p: 0.5, verticalAlign: 'top', bgcolor: day.outside ? 'action.hover' : undefined }}>
                      <ButtonBase
                        data-date={day.date}
                        tabIndex={day.date === focusable ? 0 : -1}
                        aria-label={dayLabel(day.date, dayCounts)}
                        aria-pressed={day.date === selected}
                        aria-current={isToday ? 'date' : undefined}
                        onClick={() => onDay(day.date)}
                        onKeyDown={(e) => {
                          const delta = ARROWS[e.key];
                          if (delta === undefined) return;
                          e.preventDefault();
                          moveFocus(day.date, delta);
                        }}
                        sx={{
                          display: 'flex',
                          flexDirection: 'column',
                          alignItems: 'stretch',
                          justifyContent: 'flex-start',
                          width: '100%',
                          minHeight: mode === 'mois' ? 88 : 160,
                          p: 0.5,
                          borderRadius: 1,
                          textAlign: 'left',
                          border: 2,
                          borderColor: day.date === selected ? 'primary.main' : 'transparent',
                          bgcolor: day.date === selected ? '#e3eaf6' : undefined,
                          '&:hover': { bgcolor: 'action.selected' },
                          '&.Mui-focusVisible': { outline: '3px solid #1d4ed8', outlineOffset: '-3px' },
                        }}
                      >
                        <Box
                          component="span"
                          aria-hidden
                          sx={{
                            fontWeight: isToday ? 800 : 600,
                            color: day.outside ? 'text.secondary' : 'text.primary',
                            ...(isToday ? { bgcolor: 'primary.main', color: 'primary.contrastText', borderRadius: 1, px: 0.5, alignSelf: 'flex-start' } : {}),
                          }}
                        >
                          {day.day}
                        </Box>
                        {DAY_COUNT_PARTS.filter((p) => (dayCounts?.[p.key] ?? 0) > 0).map((p) => (
                          <Box
                            key={p.key}
                            component="span"
                            aria-hidden
                            sx={{
                              mt: 0.25,
                              px: 0.5,
                              fontSize: '0.75rem',
                              lineHeight: 1.4,
                              borderRadius: 0.5,
                              borderLeft: 4,
                              borderLeftColor: SEVERITY_LOOK[p.severity].color === 'default' ? 'divider' : `${SEVERITY_LOOK[p.severity].color}.main`,
                              bgcolor: 'background.default',
                            }}
                          >
                            {p.words(dayCounts![p.key])}
                          </Box>
                        ))}
                      </ButtonBase>
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </ScrollTable>
      </Box>
    </Box>
  );
}
