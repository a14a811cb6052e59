/**
 * « L’ORIENTATION »: « A partir des éléments d’aide à la décision (Données socioprofessionnelles, échelles de
 * distance à l’emploi, connaissance de la situation,…), il est établi soit une orientation professionnelle Pôle
 * Emploi, soit une orientation professionnelle autre que Pôle Emploi, soit une orientation solidarité. »
 *
 * The proposal itself comes from the EDE (`proposeOrientation`); the DSP gives the elements that support or
 * temper it. `dspOrientationElements` lists them, each as an obstacle (« frein ») or a point d’appui toward
 * employment, with the DSP field it comes from. It never changes the proposal: the decision is the
 * correspondent's (or the EP/EO's), these are the reasons shown beside it.
 */
import { dspValueAt, DSP_FIELDS_BY_PATH, type DspContent } from '../../api/dsp';
import { natlogGroup, NATLOG_GROUP_LABELS } from '../referentials/dsp';
import { dspValueText } from './dsp-diff';

export type DspElementKind = 'frein' | 'appui';
export const DSP_ELEMENT_KIND_LABELS: Record<DspElementKind, string> = {
  frein: 'Frein à l’emploi',
  appui: 'Point d’appui vers l’emploi',
};

export interface DspElement {
  kind: DspElementKind;
  /** DSP field the element comes from. */
  path: string;
  /** French sentence shown with the proposal. */
  text: string;
}

const codesAt = (content: DspContent, path: string): string[] => {
  const v = dspValueAt(content, path);
  return v === null ? [] : Array.isArray(v) ? v : [String(v)];
};

function listed(content: DspContent, path: string, excluding: readonly string[]): string | null {
  const field = DSP_FIELDS_BY_PATH[path];
  const chosen = codesAt(content, path).filter((c) => !excluding.includes(c));
  if (!field || chosen.length === 0) return null;
  return `${field.label} : ${dspValueText(field, chosen)}.`;
}

/** The elements of a DSP that matter for the orientation, obstacles first, in form order. */
export function dspOrientationElements(content: DspContent): DspElement[] {
  const freins: DspElement[] = [];
  const appuis: DspElement[] = [];
  const frein = (path: string, text: string | null) => {
    if (text) freins.push({ kind: 'frein', path, text });
  };
  const appui = (path: string, text: string | null) => {
    if (text) appuis.push({ kind: 'appui', path, text });
  };

  frein('situationSociale.difsoc', listed(content, 'situationSociale.difsoc', ['0401']));
  frein('disponibilite.difdisp', listed(content, 'disponibilite.difdisp', ['0501']));
  const ready = content.disponibilite.topengdemarechemploi;
  if (ready === 'non') frein('disponibilite.topengdemarechemploi', 'N’est pas prêt(e) à engager rapidement une recherche d’emploi.');
  if (ready === 'oui') appui('disponibilite.topengdemarechemploi', 'Prêt(e) à engager rapidement une recherche d’emploi.');

  const situationPro = content.situationProfessionnelle;
  if (situationPro.inscdememploi && situationPro.inscdememploi !== '4301') {
    appui('situationProfessionnelle.inscdememploi', listed(content, 'situationProfessionnelle.inscdememploi', []));
  }
  if (situationPro.accoemploi === '1802' || situationPro.accoemploi === '1803') {
    appui('situationProfessionnelle.accoemploi', listed(content, 'situationProfessionnelle.accoemploi', []));
  }
  if (situationPro.topprojpro === 'oui') {
    const job = situationPro.libemploirech ? ` : ${situationPro.libemploirech}` : '';
    appui('situationProfessionnelle.topprojpro', `A un projet professionnel${job}.`);
  }
  if (situationPro.topcreareprientre === 'oui') {
    appui('situationProfessionnelle.topcreareprientre', 'Projet de création ou de reprise d’entreprise.');
  }

  if (content.mobilite.natmob === '2504') frein('mobilite.natmob', 'Rayon de mobilité : aucune mobilité.');
  if (content.mobilite.toppermicondub === 'oui' || content.mobilite.topmoyloco === 'oui') {
    const what = [
      content.mobilite.toppermicondub === 'oui' ? 'permis B' : null,
      content.mobilite.topmoyloco === 'oui' ? 'moyen de transport' : null,
    ].filter((x): x is string => x !== null);
    appui('mobilite', `Mobilité : ${what.join(' et ')}.`);
  }

  const natlog = content.logement.natlog;
  const group = natlog ? natlogGroup(natlog) : undefined;
  const natlogField = DSP_FIELDS_BY_PATH['logement.natlog'];
  if (natlog && group && group !== 'autonome' && natlogField) {
    frein(
      'logement.natlog',
      `${natlogField.label} : ${dspValueText(natlogField, natlog)} (${NATLOG_GROUP_LABELS[group].toLowerCase()}).`,
    );
  }
  frein('logement.diflog', listed(content, 'logement.diflog', ['1001']));

  return [...freins, ...appuis];
}
