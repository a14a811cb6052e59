/**
 * A document to print as plain data: the name of its template and the template's arguments (records, views, the
 * issuing MDS). Unlike the laid-out pages (React elements), a job can cross to a worker thread (structured clone):
 * the PDF worker pool (pool.ts) sends jobs, and the worker lays them out and renders them with the same engine,
 * so a job gives the same bytes in a worker as in the main thread.
 */
import { renderDocument } from './index';
import type { RenderedPages } from './model';
import { cancellationPages, convocationsPages, decisionLetterPages, informationsPages, minutesPages, renderLetters } from './ep/letters';
import { renderSessionFile, sessionFilePages } from './ep/session-file';
import { activityReportPages } from './templates/activity-report';
import { contractPages } from './templates/contract';
import { convocationPages } from './templates/convocation';
import { dspPages } from './templates/dsp';
import { edePages } from './templates/ede';
import { ficheAnswerPages, fichePages } from './templates/fiche';
import { orientationPages } from './templates/orientation';
import { personDataPages } from './templates/person-data';
import { recoverySheetPages } from './templates/recovery-sheet';

/** Every template a job may name: how it lays out its arguments, and how its pages are numbered (rendered). */
export const DOCUMENT_TEMPLATES = {
  contract: { pages: contractPages },
  dsp: { pages: dspPages },
  ede: { pages: edePages },
  orientation: { pages: orientationPages },
  fiche: { pages: fichePages },
  ficheAnswer: { pages: ficheAnswerPages },
  convocation: { pages: convocationPages },
  epConvocations: { pages: convocationsPages, render: renderLetters },
  epInformations: { pages: informationsPages, render: renderLetters },
  epMinutes: { pages: minutesPages, render: renderLetters },
  epDecisionLetter: { pages: decisionLetterPages, render: renderLetters },
  epCancellation: { pages: cancellationPages, render: renderLetters },
  epSessionFile: { pages: sessionFilePages, render: renderSessionFile },
  personData: { pages: personDataPages },
  activityReport: { pages: activityReportPages },
  recoverySheet: { pages: recoverySheetPages },
} as const;

type Templates = typeof DOCUMENT_TEMPLATES;
export type TemplateName = keyof Templates;

/** A template and its arguments, as plain data. */
export type DocumentJob = { [K in TemplateName]: { template: K; args: Parameters<Templates[K]['pages']> } }[TemplateName];

interface AnyTemplate {
  pages: (...args: never[]) => RenderedPages;
  render?: (doc: RenderedPages) => Promise<Buffer>;
}

function templateOf(job: DocumentJob): AnyTemplate {
  const template = (DOCUMENT_TEMPLATES as Record<string, AnyTemplate | undefined>)[job.template];
  if (!template) throw new Error(`Modèle de document inconnu : « ${String(job.template)} »`);
  return template;
}

/** The job's pages laid out (React elements, its title, file name and copies). */
export function layOut(job: DocumentJob): RenderedPages {
  return (templateOf(job).pages as (...args: unknown[]) => RenderedPages)(...job.args);
}

/** The job's PDF, rendered in this thread. */
export function renderJob(job: DocumentJob): Promise<Buffer> {
  return (templateOf(job).render ?? renderDocument)(layOut(job));
}
