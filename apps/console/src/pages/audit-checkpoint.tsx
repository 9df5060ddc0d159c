import { useState } from 'preact/hooks';
import { getJson, send } from '../api';
import { auditWords } from '../audit/words';
import { LoadStatus } from '../components/status';
import { formatCount } from '../i18n';
import { useApp, useLoad } from '../state';

interface Checkpoint {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string | null;
  signature: string | null;
  publicKey: string | null;
}
interface Progress {
  phase: 'chains' | 'tree';
  events: number;
  fraction: number;
}
interface Verdict {
  intact: boolean;
  chains?: { checked: number; firstBrokenAt?: { position: string; reason: string } };
  tree?: { firstDifference?: { leafIndex?: number; reason: string } };
}

/** Saves the checkpoint as the service gave it, for the auditor to keep. */
function saveAsFile(checkpoint: Checkpoint) {
  const blob = new Blob([`${JSON.stringify(checkpoint, null, 2)}\n`], { type: 'application/json' });
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = `checkpoint-${checkpoint.treeSize}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** Reads the verify's server-sent events as they come: progress, then the result (or a problem). */
async function verifyWithProgress(onProgress: (p: Progress) => void): Promise<Verdict> {
  const answer = await send('/audit/verify/progress', { method: 'POST', body: '{}' });
  const reader = answer.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the verify ended without a result');
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null');
      if (event === 'progress') onProgress(data as Progress);
      else if (event === 'result') return data as Verdict;
      else if (event === 'problem') throw new Error((data as { detail: string }).detail);
    }
  }
}

/** The latest checkpoint, to download and keep, and a verify of the whole log with its progress. */
export function AuditCheckpointPage() {
  const { lang } = useApp();
  const w = auditWords(lang);
  const latest = useLoad(() => getJson<Checkpoint>('/audit/checkpoints/latest'), []);
  const [progress, setProgress] = useState<Progress>();
  const [verdict, setVerdict] = useState<Verdict>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setVerdict(undefined);
    setFailure(undefined);
    setProgress(undefined);
    try {
      setVerdict(await verifyWithProgress(setProgress));
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const c = latest.data;
  const broken = verdict?.chains?.firstBrokenAt ?? verdict?.tree?.firstDifference;
  return (
    <section aria-labelledby="audit-checkpoint-title">
      <h1 id="audit-checkpoint-title">{w.checkpointTitle}</h1>
      <LoadStatus state={latest} />
      {c && (
        <>
          <dl class="facts">
            <dt>{w.treeSize}</dt>
            <dd data-testid="tree-size">{formatCount(c.treeSize, lang)}</dd>
            <dt>{w.rootHash}</dt>
            <dd>
              <code>{c.rootHash}</code>
            </dd>
            <dt>{w.issuedAt}</dt>
            <dd>{c.issuedAt}</dd>
            <dt>{w.keyId}</dt>
            <dd>{c.keyId ?? w.unsigned}</dd>
          </dl>
          <p>
            <button type="button" onClick={() => saveAsFile(c)}>
              {w.download}
            </button>{' '}
            {w.keepHint}
          </p>
        </>
      )}
      <p>
        <button type="button" onClick={run} disabled={busy}>
          {busy ? w.verifying : w.verify}
        </button>
      </p>
      {progress && (
        <p>
          <label>
            {w.phase[progress.phase]}{' '}
            <progress
              max={1}
              value={progress.fraction}
              aria-valuetext={`${Math.floor(progress.fraction * 100)} %`}
            />
          </label>{' '}
          {Math.floor(progress.fraction * 100)} % · {formatCount(progress.events, lang)} {w.events_}
        </p>
      )}
      {verdict && (
        <p role="status" data-testid="verdict" class={verdict.intact ? 'ok' : 'error'}>
          {verdict.intact ? `✓ ${w.intact}` : `✗ ${w.broken}: ${broken?.reason ?? ''}`}
        </p>
      )}
      {failure && (
        <p role="alert" class="error">
          {failure}
        </p>
      )}
    </section>
  );
}
