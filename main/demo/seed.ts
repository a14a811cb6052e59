/**
 * Demo data: a fictitious MDS, its staff and a few hundred fictitious foyers, created through the
 * API only (app.handle), exactly as the interface would. Deterministic for a given seed.
 * Every name, address and number here is invented.
 */
import { Faker, base, fr } from '@faker-js/faker';
import type { App } from '../app';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { Role } from '../../shared/api/common';
import { DIPLOMA_LEVEL_CODES } from '../../shared/domain/referentials/diplomas';
import type { DossierCreateInput } from '../../shared/api/dossier';
import type { OrganismeInput } from '../../shared/api/interview';
import type { EpMemberInput } from '../../shared/api/ep';
import { toIso } from '../../shared/domain/rules/dates';
import { seedDemoEpCases, type DemoCall } from './ep-cases';
import { seedDemoFicheCases } from './fiche-cases';
import { seedDemoOrientationTeam } from './orientation-team';
import type { DemoClock } from './clock';
import { PARCOURS_PER_REFERENT, parcoursCafPrefix, seedDemoParcours } from './parcours';
import { seedDemoRendezVous } from './rendez-vous';
import { seedDemoFranceTravail } from './france-travail';

export interface DemoAccount {
  login: string;
  password: string;
  role: Role;
  displayName: string;
}

export interface SeedDemoOptions {
  seed?: number;
  foyers?: number;
  /** Ages and dates are drawn relative to this day (fixed by default, so a seed always gives the same data). */
  referenceDate?: Date;
  /** Called once the database was found empty, before anything is written. */
  onStart?: () => void;
  /** Called every 50 foyers. */
  onProgress?: (done: number, total: number) => void;
  /** Also creates the EP cases (main/demo/ep-cases.ts): saisines in the queue, a session inscribed, an avis awaiting the Président. */
  epCases?: boolean;
  /** Also creates the équipe d’orientation's cases (main/demo/orientation-team.ts): a batch of préconisations, a decision differing from one, a dossier awaiting one. */
  orientationTeam?: boolean;
  /** Today as the app sees it (default: the system's date), for the EP cases. */
  epToday?: string;
  /** Also creates the fiches de liaison with a Président's part (main/demo/fiche-cases.ts): an actions CG agreed, an avenant awaiting the Président. */
  ficheCases?: boolean;
  /**
   * Also creates the parcours of every référent in every state, dated relative to today (main/demo/parcours.ts):
   * DSP, EDE, orientations, contracts, renewals, avenant, fiches, an EP session held with its decisions and sanctions.
   */
  parcours?: boolean;
  /** The app's clock, when the host lets the demo set it back (past rendez-vous are planned on their day); else only rendez-vous to come. */
  clock?: Pick<DemoClock, 'travel'>;
}

export interface SeedDemoResult {
  accounts: DemoAccount[];
  foyers: number;
  persons: number;
}

export class DemoSeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoSeedError';
  }
}

export const DEMO_MDS = { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '12 place des Héros, 62990 Arrageville', commune: 'Arrageville' } as const;
/** One shared, known password: these accounts exist only in demo databases. */
export const DEMO_PASSWORD = 'parcours-demo';
export const DEMO_REFERENCE_DATE = new Date(Date.UTC(2025, 5, 2));

interface StaffSeed {
  login: string;
  displayName: string;
  role: Role;
  structure: string;
  /** A partner référent (the handbook's DUI extranet): active with the signed charte's date and the access request. */
  partner?: boolean;
  charteSignedOn?: string;
  accessRequestRef?: string;
}

const ADMIN: StaffSeed = { login: 'admin', displayName: 'Hélène Lefèvre', role: 'administrateur', structure: 'MDS de l’Arrageois' };
const STAFF: readonly StaffSeed[] = [
  { login: 'correspondant1', displayName: 'Bénédicte Caron', role: 'correspondant', structure: 'SLAI – MDS de l’Arrageois' },
  { login: 'correspondant2', displayName: 'Frédéric Delépine', role: 'correspondant', structure: 'SLAI – MDS de l’Arrageois' },
  { login: 'secretaire', displayName: 'Éloïse Ménard', role: 'secretaire_ep', structure: 'Secrétariat EP – MDS de l’Arrageois' },
  { login: 'referent1', displayName: 'Jérôme Dubois', role: 'referent', structure: 'MDS de l’Arrageois' },
  { login: 'referent2', displayName: 'Agnès Lemaître', role: 'referent', structure: 'CCAS de Valmont-sur-Scarpe', partner: true, charteSignedOn: '2024-09-02', accessRequestRef: 'DA-2024-0117' },
  { login: 'referent3', displayName: 'Thérèse Duval', role: 'referent', structure: 'Association Tremplin Artois', partner: true, charteSignedOn: '2024-10-14', accessRequestRef: 'DA-2024-0142' },
  { login: 'referent4', displayName: 'Stéphane Hébert', role: 'referent', structure: 'France Travail Arrageville', partner: true, charteSignedOn: '2024-11-04', accessRequestRef: 'DA-2024-0158' },
];

/** Organismes référents an orientation decision names (one of each type; a France Travail one for « emploi »). */
export const DEMO_ORGANISMES: readonly OrganismeInput[] = [
  { name: 'France Travail Arrageville', type: 'pole_emploi', address: '5 rue du Beffroi, 62990 Arrageville', telephone: '03 21 00 10 10' },
  { name: 'Association Tremplin Artois', type: 'professionnel', address: '18 rue des Tanneurs, 62993 Valmont-sur-Scarpe', telephone: '03 21 00 20 20' },
  { name: 'CCAS de Valmont-sur-Scarpe', type: 'solidarite', address: '1 place de la Mairie, 62993 Valmont-sur-Scarpe', telephone: '03 21 00 30 30' },
];

/** The territory's EP: a president (Conseiller général) and the members the handbook lists. */
export const DEMO_EP_NAME = 'Équipe pluridisciplinaire de l’Arrageois';
export const DEMO_EP_MEMBERS: readonly EpMemberInput[] = [
  { name: 'Michel Vasseur', function: 'Conseiller général', organisation: 'conseil_general', isPresident: true, substituteName: 'Martine Fontaine', substituteFunction: 'Conseillère générale' },
  { name: 'Hélène Lefèvre', function: 'Responsable de la MDS', organisation: 'mds' },
  { name: 'Bénédicte Caron', function: 'Correspondante SLAI', organisation: 'mds' },
  { name: 'Patrice Delattre', function: 'Conseiller', organisation: 'caf' },
  { name: 'Stéphane Hébert', function: 'Conseiller France Travail', organisation: 'pole_emploi' },
  { name: 'Sandrine Maréchal', function: 'Chargée d’insertion', organisation: 'insertion' },
  { name: 'Gérard Lenoir', function: 'Représentant des bénéficiaires', organisation: 'beneficiaires' },
];

/** Fictitious communes of the fictitious territory, with plausible postcodes. */
const COMMUNES: readonly { city: string; postalCode: string }[] = [
  { city: 'Arrageville', postalCode: '62990' },
  { city: 'Arrageville', postalCode: '62991' },
  { city: 'Valmont-sur-Scarpe', postalCode: '62993' },
  { city: 'Sainte-Éloïse-en-Artois', postalCode: '62994' },
  { city: 'Hautecourt-lès-Arrageville', postalCode: '62995' },
  { city: 'Mareuil-l’Évêque', postalCode: '62996' },
  { city: 'Fresnoy-le-Val', postalCode: '62997' },
  { city: 'Beaulieu-en-Ternois', postalCode: '62998' },
  { city: 'Écoivres-la-Haute', postalCode: '62988' },
  { city: 'Noyelles-sur-Crinchon', postalCode: '62987' },
  { city: 'Villers-Sainte-Bénédicte', postalCode: '62986' },
  { city: 'Saint-Laurent-des-Prés', postalCode: '62985' },
];

const LINE2 = ['Appartement 3', 'Bâtiment B, appartement 12', 'Résidence Les Tilleuls', 'Résidence Le Beffroi, esc. 2', 'Chez M. et Mme Pétrel', 'Logement 7'];

/** Names with accents, mixed into faker's French names so that search and sorting meet them. */
const ACCENTED_FEMALE = ['Hélène', 'Éloïse', 'Bénédicte', 'Agnès', 'Chloé', 'Maëlle', 'Noémie', 'Léa', 'Zoé', 'Thérèse', 'Cécile', 'Mélanie', 'Gaëlle', 'Inès', 'Anaïs', 'Émilie'];
const ACCENTED_MALE = ['Jérôme', 'Frédéric', 'Stéphane', 'Benoît', 'Gérard', 'Hervé', 'Loïc', 'Joël', 'Noël', 'Raphaël', 'Jérémie', 'Aurélien', 'Clément', 'Théo', 'Éric', 'Mathéo'];
const ACCENTED_LAST = ['Lefèvre', 'Hébert', 'Bénard', 'Delépine', 'Lemaître', 'Ménard', 'Sénéchal', 'Guérin', 'Dupré', 'Barré', 'Leclère', 'Crépin', 'Véron', 'Lévêque', 'Benoît', 'Frémont', 'Thérin', 'Lefébure'];

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const yearsBefore = (ref: Date, years: number): Date =>
  new Date(Date.UTC(ref.getUTCFullYear() - years, ref.getUTCMonth(), ref.getUTCDate()));

/** Builds the dossiers.create inputs; pure and deterministic for (seed, count, referenceDate). */
export function buildDemoFoyers(
  options: { seed: number; count: number; referenceDate: Date; referentIds: readonly number[]; correspondantIds: readonly number[] },
): DossierCreateInput[] {
  const f = new Faker({ locale: [fr, base] });
  f.seed(options.seed);
  const ref = options.referenceDate;
  const usedCaf = new Set<string>();

  const pick = <T>(items: readonly T[]): T => f.helpers.arrayElement(items);
  const chance = (probability: number): boolean => f.datatype.boolean({ probability });
  const digits = (n: number): string => Array.from({ length: n }, () => f.number.int(9)).join('');
  const firstName = (sexe: 'F' | 'M'): string =>
    chance(0.2) ? pick(sexe === 'F' ? ACCENTED_FEMALE : ACCENTED_MALE) : f.person.firstName(sexe === 'F' ? 'female' : 'male');
  const lastName = (): string => (chance(0.2) ? pick(ACCENTED_LAST) : f.person.lastName());
  const prenoms = (sexe: 'F' | 'M'): string => (chance(0.2) ? `${firstName(sexe)} ${firstName(sexe)}` : firstName(sexe));
  const birthDate = (minAge: number, maxAge: number): Date => f.date.between({ from: yearsBefore(ref, maxAge + 1), to: yearsBefore(ref, minAge) });
  const cafNumber = (): string => {
    for (;;) {
      const candidate = `${f.number.int({ min: 1, max: 9 })}${digits(6)}`;
      if (!usedCaf.has(candidate)) {
        usedCaf.add(candidate);
        return candidate;
      }
    }
  };
  /** A 10-digit French number: prefix of 2 or 4 digits, then pairs. */
  const phone = (prefix: string): string => {
    const pairs = (10 - prefix.replace(/\s/g, '').length) / 2;
    return [prefix, ...Array.from({ length: pairs }, () => digits(2))].join(' ');
  };
  const email = (first: string, last: string): string =>
    `${f.helpers.slugify(`${first}.${last}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '-')).toLowerCase()}@example.org`;

  const foyers: DossierCreateInput[] = [];
  for (let i = 0; i < options.count; i += 1) {
    const sexe: 'F' | 'M' = chance(0.6) ? 'F' : 'M';
    // RSA from 25, or younger with a child to raise.
    const youngParent = chance(0.08);
    const born = youngParent ? birthDate(19, 24) : birthDate(25, 64);
    const nom = lastName();
    const prenom = prenoms(sexe);
    const withConjoint = chance(0.3);
    const situationFamiliale = withConjoint
      ? pick(['marie', 'pacse', 'concubinage'] as const)
      : f.helpers.weightedArrayElement([
          { weight: 50, value: 'celibataire' as const },
          { weight: 20, value: 'divorce' as const },
          { weight: 20, value: 'separe' as const },
          { weight: 10, value: 'veuf' as const },
        ]);

    let conjoint: DossierCreateInput['conjoint'] = null;
    let nomUsage: string | undefined;
    if (withConjoint) {
      const conjointSexe: 'F' | 'M' = chance(0.95) ? (sexe === 'F' ? 'M' : 'F') : sexe;
      const conjointNom = lastName();
      const conjointAge = Math.min(70, Math.max(18, ref.getUTCFullYear() - born.getUTCFullYear() + f.number.int({ min: -6, max: 6 })));
      conjoint = {
        nomPatronymique: conjointNom,
        prenoms: prenoms(conjointSexe),
        sexe: conjointSexe,
        dateNaissance: iso(birthDate(conjointAge, conjointAge)),
      };
      if (situationFamiliale === 'marie' && sexe === 'F' && chance(0.5)) nomUsage = conjointNom;
    } else if ((situationFamiliale === 'divorce' || situationFamiliale === 'veuf') && sexe === 'F' && chance(0.3)) {
      nomUsage = lastName();
    }

    const parentAge = ref.getUTCFullYear() - born.getUTCFullYear();
    const maxChildren = parentAge < 21 ? 1 : parentAge < 23 ? 2 : 4;
    const drawnChildren = f.helpers.weightedArrayElement([
      { weight: 40, value: 0 },
      { weight: 25, value: 1 },
      { weight: 20, value: 2 },
      { weight: 10, value: 3 },
      { weight: 5, value: 4 },
    ]);
    const childCount = youngParent ? Math.max(1, drawnChildren) : drawnChildren;
    // Children born after the parent's 18th birthday, at most 20 years ago, before the reference day.
    const childrenTo = new Date(ref.getTime() - 86_400_000);
    const childrenFrom = new Date(Math.min(childrenTo.getTime(), Math.max(yearsBefore(ref, 20).getTime(), yearsBefore(born, -18).getTime())));
    const enfants = Array.from({ length: Math.min(childCount, maxChildren) }, () => ({
      prenom: firstName(chance(0.5) ? 'F' : 'M'),
      dateNaissance: iso(f.date.between({ from: childrenFrom, to: childrenTo })),
    })).sort((a, b) => a.dateNaissance.localeCompare(b.dateNaissance));

    const commune = pick(COMMUNES);
    const rsaFrom = new Date(Math.min(ref.getTime(), Math.max(Date.UTC(2009, 5, 1), yearsBefore(born, youngParent ? -18 : -25).getTime())));
    const input: DossierCreateInput = {
      foyer: {
        cafNumber: cafNumber(),
        rsaDepuis: chance(0.85) ? iso(f.date.between({ from: rsaFrom, to: ref })) : undefined,
        situationFamiliale,
        address: {
          line1: `${f.number.int({ min: 1, max: 180 })}${chance(0.05) ? ' bis' : ''} ${f.location.street()}`,
          line2: chance(0.2) ? pick(LINE2) : undefined,
          postalCode: commune.postalCode,
          city: commune.city,
        },
        enfants,
      },
      person: {
        nomPatronymique: nom,
        nomUsage,
        prenoms: prenom,
        sexe,
        dateNaissance: iso(born),
        telephone: chance(0.25) ? phone('03 21') : undefined,
        portable: chance(0.85) ? phone(pick(['06', '07'])) : undefined,
        email: chance(0.5) ? email(prenom.split(' ')[0]!, nom) : undefined,
        peNumber: chance(0.4) ? `${digits(7)}${pick([...'0123456789ABCDEFGHJKLMNPRSTUVWXYZ'])}` : undefined,
        niveauFormation: chance(0.8) ? pick(DIPLOMA_LEVEL_CODES) : undefined,
        referentId: options.referentIds.length > 0 && chance(0.9) ? pick(options.referentIds) : null,
        correspondantId: options.correspondantIds.length > 0 && chance(0.85) ? pick(options.correspondantIds) : null,
      },
      conjoint,
    };
    foyers.push(input);
  }
  return foyers;
}

/** Extra fictitious dossiers followed by one référent and correspondant, with their own CAF numbers (prefix + 10, 11…). */
export function followedDemoDossiers(o: { seed: number; count: number; referenceDate: Date; cafPrefix: string; referentId: number; correspondantId: number }): DossierCreateInput[] {
  return buildDemoFoyers({ seed: o.seed, count: o.count, referenceDate: o.referenceDate, referentIds: [], correspondantIds: [] }).map((d, i) => ({
    ...d,
    foyer: { ...d.foyer, cafNumber: `${o.cafPrefix}${i + 10}` },
    person: { ...d.person, referentId: o.referentId, correspondantId: o.correspondantId },
  }));
}

async function call<M extends MethodName>(
  app: Pick<App, 'handle'>,
  method: M,
  input: MethodInput<M>,
  session?: string,
): Promise<MethodOutput<M>> {
  const response = await app.handle(session === undefined ? { method, input } : { method, input, session });
  if (!response.ok) {
    throw new DemoSeedError(`Création des données de démonstration interrompue (${method}) : ${response.error.message}`);
  }
  return response.value as MethodOutput<M>;
}

/**
 * Creates the demo MDS, accounts and foyers in an EMPTY database, through the API.
 * Refuses (DemoSeedError, nothing written) when the database is already set up.
 */
export async function seedDemo(app: Pick<App, 'handle'>, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const seed = options.seed ?? 42;
  const count = options.foyers ?? 300;
  if (!Number.isInteger(count) || count < 0) throw new DemoSeedError('Le nombre de foyers de démonstration doit être un entier positif.');

  const status = await app.handle({ method: 'app.status', input: {} });
  if (!status.ok) {
    throw new DemoSeedError(`Impossible d’ouvrir la base de données : ${status.error.message} Rien n’a été modifié.`);
  }
  if ((status.value as MethodOutput<'app.status'>).initialized) {
    throw new DemoSeedError(
      'Ce dossier de données contient déjà une base : les données de démonstration ne sont créées que dans un dossier vide. Rien n’a été modifié ; choisissez un autre dossier avec --data-dir.',
    );
  }

  options.onStart?.();
  await call(app, 'setup.create', {
    mds: { ...DEMO_MDS },
    admin: { login: ADMIN.login, displayName: ADMIN.displayName, structure: ADMIN.structure, password: DEMO_PASSWORD },
  });
  const { session } = await call(app, 'auth.login', { login: ADMIN.login, password: DEMO_PASSWORD });

  const referentIds: number[] = [];
  const correspondantIds: number[] = [];
  for (const staff of STAFF) {
    const user = await call(app, 'users.create', { ...staff, password: DEMO_PASSWORD }, session);
    if (staff.role === 'referent') referentIds.push(user.id);
    if (staff.role === 'correspondant') correspondantIds.push(user.id);
  }

  // Without them a new user is blocked at the first orientation decision and at the first EP session.
  for (const organisme of DEMO_ORGANISMES) await call(app, 'organismes.create', organisme, session);
  await call(app, 'ep.save', { name: DEMO_EP_NAME }, session);
  for (const member of DEMO_EP_MEMBERS) await call(app, 'ep.addMember', member, session);

  const inputs = buildDemoFoyers({ seed, count, referenceDate: options.referenceDate ?? DEMO_REFERENCE_DATE, referentIds, correspondantIds });
  let persons = 0;
  for (const [index, input] of inputs.entries()) {
    await call(app, 'dossiers.create', input, session);
    persons += input.conjoint ? 2 : 1;
    if ((index + 1) % 50 === 0 || index + 1 === inputs.length) options.onProgress?.(index + 1, inputs.length);
  }
  if (options.epCases) {
    const dossiers = buildDemoFoyers({ seed: seed + 1, count: 5, referenceDate: options.referenceDate ?? DEMO_REFERENCE_DATE, referentIds: [], correspondantIds: [] })
      // Fictitious persons seized by the EP, followed by the first référent and correspondant, with their own CAF numbers.
      .map((d, i) => ({ ...d, foyer: { ...d.foyer, cafNumber: `99000${i + 10}` }, person: { ...d.person, referentId: referentIds[0]!, correspondantId: correspondantIds[0]! } }));
    await seedDemoEpCases((method, input, s) => call(app, method, input, s), { today: options.epToday ?? toIso(new Date()), dossiers, password: DEMO_PASSWORD });
  }
  if (options.orientationTeam) {
    const dossiers = buildDemoFoyers({ seed: seed + 2, count: 3, referenceDate: options.referenceDate ?? DEMO_REFERENCE_DATE, referentIds: [], correspondantIds: [] })
      // Fictitious persons examined by the équipe d'orientation, with their own CAF numbers.
      .map((d, i) => ({ ...d, foyer: { ...d.foyer, cafNumber: `99100${i + 10}` }, person: { ...d.person, referentId: referentIds[0]!, correspondantId: correspondantIds[0]! } }));
    await seedDemoOrientationTeam((method, input, s) => call(app, method, input, s), { today: options.epToday ?? toIso(new Date()), dossiers, password: DEMO_PASSWORD });
  }
  if (options.ficheCases) {
    const followed = { referentId: referentIds[0]!, correspondantId: correspondantIds[0]! };
    const dossiers = followedDemoDossiers({ seed: seed + 3, count: 2, referenceDate: options.referenceDate ?? DEMO_REFERENCE_DATE, cafPrefix: '99200', ...followed });
    await seedDemoFicheCases((method, input, s) => call(app, method, input, s), { today: options.epToday ?? toIso(new Date()), dossiers, password: DEMO_PASSWORD });
  }
  if (options.parcours) {
    const referents = STAFF.filter((s) => s.role === 'referent');
    // Each référent's dossiers, with their own CAF numbers, followed by the correspondents in turn.
    const dossiers = referents.map((_, i) =>
      followedDemoDossiers({
        seed: seed + 10 + i,
        count: PARCOURS_PER_REFERENT,
        referenceDate: options.referenceDate ?? DEMO_REFERENCE_DATE,
        cafPrefix: parcoursCafPrefix(i),
        referentId: referentIds[i]!,
        correspondantId: correspondantIds[i % correspondantIds.length]!,
      }),
    );
    const demoCall: DemoCall = (method, input, s) => call(app, method, input, s);
    const today = options.epToday ?? toIso(new Date());
    const logins = referents.map((r) => r.login);
    const { byReferent } = await seedDemoParcours(demoCall, { today, dossiers, referents: logins, password: DEMO_PASSWORD });
    await seedDemoRendezVous(demoCall, { today, byReferent, referents: logins, password: DEMO_PASSWORD, travel: options.clock?.travel });
    await seedDemoFranceTravail(demoCall, { session, today, dossiers: dossiers.map((list) => list[0]!) });
  }
  await call(app, 'auth.logout', {}, session);

  return {
    accounts: [ADMIN, ...STAFF].map(({ login, role, displayName }) => ({ login, password: DEMO_PASSWORD, role, displayName })),
    foyers: inputs.length,
    persons,
  };
}
