// The PDF worker run from the sources (development, tests, browser mode, server): worker.ts loaded through tsx.
// (On Node 20, `--import tsx` given to a worker thread does not reach its ES modules; tsImport does.)
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./worker.ts', import.meta.url);
export default worker.default;
