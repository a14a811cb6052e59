/** Documents printed for another capability and never archived, rendered by the PDF worker pool like the others. */
import type { DocumentContext } from '../../documents/model';
import { renderInPool } from '../../documents/pool';
import type { ActivityReport } from '../../documents/templates/activity-report';
import type { PersonDataSheet } from '../../documents/templates/person-data';

/** The right-of-access sheet (rgpd). */
export const personDataPdf = (sheet: PersonDataSheet, ctx: DocumentContext): Promise<Buffer> => renderInPool({ template: 'personData', args: [sheet, ctx] });

/** The « rapport d’activité » (statistics). */
export const activityReportPdf = (report: ActivityReport, ctx: DocumentContext): Promise<Buffer> => renderInPool({ template: 'activityReport', args: [report, ctx] });
