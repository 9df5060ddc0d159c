import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../api';
import { leafHash, StoredEvent, verifyInclusion } from '../audit/merkle';
import { auditWords } from '../audit/words';
import { LoadStatus } from '../components/status';
import { DataTable } from '../components/table';
import { formatDate, formatMoney, formatRate } from '../i18n';
import { useApp, useLoad } from '../state';

interface Decision {
  rule?: string;
  rate?: string;
  retail?: string;
  discount?: string;
  net?: string;
  policyVersion: string;
}
interface TracedEvent {
  type: string;
  streamId: string;
  revision: number;
  position: string;
  hash: string;
  leafIndex?: number | null;
}
interface Trace {
  saleId: string;
  sale: { partnerId: string; clientId: string; soldOn: string; positionCode: string };
  decision: Decision;
  command: {
    type: string;
    route: string;
    receivedAt: string;
    actor: { keyId: string; role: string; name?: string };
  };
  correlationId: string;
  inputs: { name: string; streamId: string; revision: number; facts: Record<string, unknown> }[];
  events: TracedEvent[];
  later: TracedEvent[];
  rederived: Decision & { inputsMatch: boolean; matches: boolean; refusal?: string };
}
interface Checkpoint {
  treeSize: number;
  rootHash: string;
}
interface Inclusion {
  leafIndex: number;
  treeSize: number;
  auditPath: string[];
  event: StoredEvent;
}

type Proof = 'checking' | 'verified' | 'fails' | 'absent';

/**
 * Checks each event's inclusion in the browser: the event as stored (from the proof route), its
 * leaf hashed here, its audit path walked here to the latest checkpoint's root (WebCrypto).
 */
async function proveInBrowser(event: TracedEvent, checkpoint: Checkpoint): Promise<Proof> {
  if (event.leafIndex == null || event.leafIndex >= checkpoint.treeSize) return 'absent';
  const proof = await getJson<Inclusion>('/audit/proofs/inclusion', {
    leafIndex: event.leafIndex,
    treeSize: checkpoint.treeSize,
  });
  const same =
    proof.event.streamId === event.streamId &&
    proof.event.revision === event.revision &&
    proof.event.hash === event.hash;
  const leaf = await leafHash(proof.event);
  const included = await verifyInclusion(
    event.leafIndex,
    checkpoint.treeSize,
    leaf,
    proof.auditPath,
    checkpoint.rootHash,
  );
  return same && included ? 'verified' : 'fails';
}

/** A sale's trace (GET /audit/sales/{id}): its decision, derived again, and every event proven in the browser. */
export function AuditTracePage({ saleId }: { saleId: string }) {
  const { lang } = useApp();
  const w = auditWords(lang);
  const loaded = useLoad(async () => {
    const trace = await getJson<Trace>(`/audit/sales/${encodeURIComponent(saleId)}`);
    const checkpoint = await getJson<Checkpoint>('/audit/checkpoints/latest');
    return { trace, checkpoint };
  }, [saleId]);
  const [proofs, setProofs] = useState<Record<string, Proof>>({});
  useEffect(() => {
    if (!loaded.data) return;
    const { trace, checkpoint } = loaded.data;
    let current = true;
    for (const e of [...trace.events, ...trace.later]) {
      proveInBrowser(e, checkpoint).then(
        (p) => current && setProofs((all) => ({ ...all, [e.position]: p })),
        () => current && setProofs((all) => ({ ...all, [e.position]: 'fails' })),
      );
    }
    return () => {
      current = false;
    };
  }, [loaded.data]);
  const data = loaded.data;
  const all = data ? [...data.trace.events, ...data.trace.later] : [];
  const verified = all.filter((e) => proofs[e.position] === 'verified').length;
  const said: Record<Proof, string> = {
    checking: w.checking,
    verified: `✓ ${w.provenInBrowser}`,
    fails: `✗ ${w.proofFails}`,
    absent: w.notInTree,
  };
  const money = (m?: string) => (m === undefined ? '—' : formatMoney(m, lang));
  return (
    <section aria-labelledby="audit-trace-title">
      <h1 id="audit-trace-title">{w.trace(saleId)}</h1>
      <LoadStatus state={loaded} />
      {data && (
        <>
          <dl class="facts">
            <dt>{w.partnerId}</dt>
            <dd>{data.trace.sale.partnerId}</dd>
            <dt>{w.clientId}</dt>
            <dd>{data.trace.sale.clientId}</dd>
            <dt>{w.soldOn}</dt>
            <dd>{formatDate(data.trace.sale.soldOn, lang)}</dd>
            <dt>{w.decision}</dt>
            <dd>
              {data.trace.decision.rule} · {formatRate(data.trace.decision.rate ?? '0', lang)} ·{' '}
              {w.discount} {money(data.trace.decision.discount)} · {w.net}{' '}
              {money(data.trace.decision.net)}
            </dd>
            <dt>{w.rederived}</dt>
            <dd data-testid="rederived">
              {data.trace.rederived.matches ? `✓ ${w.rederivedSame}` : `✗ ${w.rederivedDiffers}`};{' '}
              {data.trace.rederived.inputsMatch ? w.inputsSame : w.inputsDiffer}
            </dd>
            <dt>{w.command}</dt>
            <dd>
              {data.trace.command.route} ·{' '}
              {data.trace.command.actor.name ?? data.trace.command.actor.keyId} (
              {data.trace.command.actor.role}) · {data.trace.command.receivedAt}
            </dd>
          </dl>
          <p role="status" data-testid="proofs-summary">
            {w.proofsSummary(verified, all.length, data.checkpoint.treeSize)}
          </p>
          <DataTable
            caption={w.events}
            rows={all}
            rowKey={(e) => e.position}
            columns={[
              { key: 'type', header: w.type, cell: (e) => e.type },
              { key: 'stream', header: w.stream, cell: (e) => `${e.streamId} #${e.revision}` },
              { key: 'position', header: w.position, numeric: true, cell: (e) => e.position },
              { key: 'leaf', header: w.leaf, numeric: true, cell: (e) => e.leafIndex ?? '—' },
              {
                key: 'proof',
                header: w.proof,
                cell: (e) => said[proofs[e.position] ?? 'checking'],
              },
            ]}
          />
          <DataTable
            caption={w.inputs}
            rows={data.trace.inputs}
            rowKey={(i) => i.name}
            columns={[
              { key: 'name', header: w.type, cell: (i) => i.name },
              { key: 'stream', header: w.stream, cell: (i) => `${i.streamId} #${i.revision}` },
              {
                key: 'facts',
                header: w.detail,
                cell: (i) => <code>{JSON.stringify(i.facts)}</code>,
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
