import type { Lang } from '../i18n';
import { auditWords } from '../audit/words';
import { AuditCheckpointPage } from './audit-checkpoint';
import { AuditRefusalsPage } from './audit-refusals';
import { AuditSalesPage } from './audit-sales';
import { AuditTracePage } from './audit-trace';

/** The auditors' pages in the navigation: #/audit-sales (and #/audit-sales/{saleId}), #/audit-refusals, #/audit-checkpoint. */
export const auditNav = (lang: Lang) => {
  const w = auditWords(lang);
  return [
    ['audit-sales', w.sales],
    ['audit-refusals', w.refusals],
    ['audit-checkpoint', w.checkpoint],
  ] as const;
};

export const isAuditPage = (page: string) => page.startsWith('audit-');

/** The audit page a route names. */
export function AuditPage({ page, id }: { page: string; id?: string }) {
  if (page === 'audit-sales' && id) return <AuditTracePage saleId={id} />;
  if (page === 'audit-refusals') return <AuditRefusalsPage />;
  if (page === 'audit-checkpoint') return <AuditCheckpointPage />;
  return <AuditSalesPage />;
}
