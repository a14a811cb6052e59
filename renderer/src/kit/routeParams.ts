import { useParams } from 'react-router';

/** A route parameter (or query value) as an id: a positive whole number, or null. */
export const validId = (raw: string | undefined): number | null => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** The `:personId` of the route, or null when it is not a positive whole number. */
export function usePersonIdParam(): number | null {
  return validId(useParams().personId);
}
