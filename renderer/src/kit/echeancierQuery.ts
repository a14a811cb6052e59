import type { EcheancierFilter } from '../../../shared/api/desk';
import { ECHEANCE_KINDS, SEVERITIES, type EcheanceKind, type Severity } from '../../../shared/domain/rules/echeancier';
import { isIsoDate } from '../../../shared/domain/rules/dates';
import { deskPaths, paths } from './paths';

/**
 * The échéancier's filter in its address, so that a desk count (kit/deskLinks.ts) opens it filtered and a filtered
 * view can be bookmarked or shared: `?types=a,b&gravite=en_retard,urgent&referent=3&du=2026-12-01&au=2026-12-31&personne=12`.
 * The same words as the screen: types, gravité, référent, du, au, personne.
 */
export const ECHEANCIER_QUERY = { kinds: 'types', severities: 'gravite', referentId: 'referent', from: 'du', to: 'au', personId: 'personne' } as const;

/** The query string (without '?') of a filter; '' when nothing is filtered. Lists keep their commas readable. */
export function echeancierSearch(filter: EcheancierFilter): string {
  const parts: string[] = [];
  const add = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') parts.push(`${key}=${encodeURIComponent(String(value))}`);
  };
  const list = (values: readonly string[] | undefined) => (values && values.length > 0 ? values.map(encodeURIComponent).join(',') : undefined);
  const kinds = list(filter.kinds);
  const severities = list(filter.severities);
  if (kinds) parts.push(`${ECHEANCIER_QUERY.kinds}=${kinds}`);
  if (severities) parts.push(`${ECHEANCIER_QUERY.severities}=${severities}`);
  add(ECHEANCIER_QUERY.referentId, filter.referentId);
  add(ECHEANCIER_QUERY.from, filter.from);
  add(ECHEANCIER_QUERY.to, filter.to);
  add(ECHEANCIER_QUERY.personId, filter.personId);
  return parts.join('&');
}

/** The échéancier filtered by `filter`. */
export function echeancierPath(filter: EcheancierFilter = {}): string {
  const search = echeancierSearch(filter);
  return search ? `${deskPaths.echeancier}?${search}` : deskPaths.echeancier;
}

function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] | undefined {
  if (!value) return undefined;
  const values = [...new Set(value.split(','))].filter((v): v is T => (allowed as readonly string[]).includes(v));
  return values.length > 0 ? values : undefined;
}

function idOf(value: string | null): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id > 0 ? id : undefined;
}

const dateOf = (value: string | null): string | undefined => (value && isIsoDate(value) ? value : undefined);

/**
 * The filter an address carries. Whatever cannot be read (a kind that no longer exists, a mistyped date) is left
 * out rather than refused: the page still opens, with what could be understood (see `askableFilter` for the period).
 */
export function parseEcheancierSearch(params: URLSearchParams): EcheancierFilter {
  const filter: EcheancierFilter = {};
  const kinds = listOf<EcheanceKind>(params.get(ECHEANCIER_QUERY.kinds), ECHEANCE_KINDS);
  const severities = listOf<Severity>(params.get(ECHEANCIER_QUERY.severities), SEVERITIES);
  const referentId = idOf(params.get(ECHEANCIER_QUERY.referentId));
  const personId = idOf(params.get(ECHEANCIER_QUERY.personId));
  const from = dateOf(params.get(ECHEANCIER_QUERY.from));
  const to = dateOf(params.get(ECHEANCIER_QUERY.to));
  if (kinds) filter.kinds = kinds;
  if (severities) filter.severities = severities;
  if (referentId) filter.referentId = referentId;
  if (personId) filter.personId = personId;
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

/** The filter main accepts: an end before the start (being typed) is left out until it is corrected. */
export function askableFilter(filter: EcheancierFilter): EcheancierFilter {
  if (!filter.from || !filter.to || filter.from <= filter.to) return filter;
  const { to: _to, ...rest } = filter;
  return rest;
}

/** A dossier opened at one of its sections (DossierPage scrolls to it and focuses its heading). */
export function dossierSectionPath(personId: number, section?: string): string {
  return section ? `${paths.dossier(personId)}?section=${encodeURIComponent(section)}` : paths.dossier(personId);
}
