/**
 * Demo data of issue 15: a France Travail list of radiations, imported like a real one (`imports.preview` then
 * `imports.apply`), naming one followed dossier of each référent — each desk then shows the urgent « Radié(e) de
 * France Travail … : demande de réorientation à faire » with its one-click fiche de liaison.
 */
import type { DossierCreateInput } from '../../shared/api/dossier';
import { formatDate } from '../../shared/domain/format';
import { addDaysIso } from '../../shared/domain/rules/dates';
import type { DemoCall } from './ep-cases';

/** The radiations' date: ten days before today. */
export const DEMO_RADIATION_DAYS_AGO = 10;

export async function seedDemoFranceTravail(call: DemoCall, options: { session: string; today: string; dossiers: readonly DossierCreateInput[] }): Promise<number> {
  const date = formatDate(addDaysIso(options.today, -DEMO_RADIATION_DAYS_AGO));
  const lines = ['Identifiant France Travail;Nom;Prénom;Date de naissance;Date;Code;Motif'];
  options.dossiers.forEach((d, i) => {
    const p = d.person;
    lines.push(`${String(4_200_000 + i).padStart(7, '0')}R${String(100 + i)};${p.nomPatronymique};${p.prenoms};${formatDate(p.dateNaissance)};${date};RAD;Défaut d’actualisation`);
  });
  const preview = await call(
    'imports.preview',
    { kind: 'ft_radiations', source: 'France Travail (démonstration)', fileName: 'radiations-demo.csv', contentBase64: Buffer.from(lines.join('\r\n') + '\r\n').toString('base64') },
    options.session,
  );
  const batch = await call('imports.apply', { batchId: preview.batchId! }, options.session);
  return batch.counts.mise_a_jour;
}
