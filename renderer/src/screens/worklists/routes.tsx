import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';
import { interviewPaths } from '../../kit/paths';

const worklistPage = () => import('./WorklistPage');

/**
 * The work lists: by name ('/listes/dsp_manquante'…, where the desk's counts lead), and the DSP, EDE and
 * Orientation menu entries (the Orientation one switches between its two lists with `?liste=`).
 */
export const worklistRoutes: RouteObject[] = [
  { path: 'listes/:list', ...lazyElement(worklistPage, (m) => <m.WorklistRoutePage />) },
  { path: 'dsp', ...lazyElement(worklistPage, (m) => <m.MenuWorklistPage lists={['dsp_manquante']} basePath={interviewPaths.dspModule} />) },
  { path: 'ede', ...lazyElement(worklistPage, (m) => <m.MenuWorklistPage lists={['ede_a_faire']} basePath={interviewPaths.edeModule} />) },
  {
    path: 'orientation',
    ...lazyElement(worklistPage, (m) => <m.MenuWorklistPage lists={['orientation_a_proposer', 'orientation_a_decider']} basePath={interviewPaths.orientationModule} />),
  },
];
