/**
 * Duplicates and merges (issue 15 §1): the possible duplicates of the MDS (import lines and pairs of dossiers), the
 * answer for an import line, a pair of dossiers answered « not the same persons », and the merge of two dossiers found to be the same person.
 */
import type { mergeMethods } from '../../../shared/api/merge';
import type { HandlersFor } from '../../app/types';
import { dismissPair, list, resolve } from './duplicates';
import { apply, preview } from './merge';

export const mergeHandlers: HandlersFor<keyof typeof mergeMethods> = {
  'duplicates.list': list,
  'duplicates.resolve': resolve,
  'duplicates.dismissPair': dismissPair,
  'merge.preview': preview,
  'merge.apply': apply,
};
