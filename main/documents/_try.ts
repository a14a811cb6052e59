import { writeFileSync } from 'node:fs';
import { renderDocument } from './index';
import { contractPages } from './templates/contract';
import { cerpView, cersView, documentContext } from '../../test/fixtures/documents/data';
const which = process.argv[2] ?? 'cerp';
const view = which === 'cers' ? cersView({ status: 'brouillon' }) : cerpView({ papCount: 15, suiviCount: 10 });
const r = contractPages(view, documentContext);
for (let i = 0; i < 8; i++) {
  const t = performance.now(); const c = process.cpuUsage();
  const b = await renderDocument(r);
  const cu = process.cpuUsage(c);
  console.log(Math.round(performance.now() - t), 'ms wall', Math.round((cu.user + cu.system) / 1000), 'ms cpu', b.length);
  if (i === 0) writeFileSync(`/tmp/${which}.pdf`, b);
}
