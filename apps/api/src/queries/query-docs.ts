import {
  ANALYTICS_ANSWER,
  CLIENT_ANSWER,
  HEALTH_ANSWER,
  PARTNER_ANSWER,
  SALE_TRACE_ANSWER,
  CHECKPOINT_ANSWER,
  CHECKPOINT_VERIFICATION_ANSWER,
  CONSISTENCY_ANSWER,
  INCLUSION_ANSWER,
  VERIFY_ANSWER,
  WHAT_IF_ANSWER,
  SALES_FOUND_ANSWER,
  REFUSALS_FOUND_ANSWER,
  EVENTS_FOUND_ANSWER,
} from '../http/answer-schemas';
import { OperationDoc } from '../http/openapi';
import { RANKINGS_PAGE_ANSWER } from './console-answers';

/** What the OpenAPI document says of each query. */
const ok = (description: string, schema: object, example?: unknown): OperationDoc['ok'] => ({
  status: 200,
  description,
  schema,
  example,
});
const INVALID = ['VALIDATION_FAILED'];

export const PARTNER_VIEW: OperationDoc = {
  summary: 'A partner today: status, counts and money',
  roles: ['vendor', 'analyst', 'auditor', 'partner'],
  description:
    'A partner key may read only its own partner. `generation` reads a replayed generation.',
  errors: {
    400: INVALID,
    403: ['FORBIDDEN_PARTNER'],
    404: ['PARTNER_NOT_FOUND', 'GENERATION_NOT_FOUND'],
  },
  ok: ok('The partner', PARTNER_ANSWER),
};

export const CLIENT_VIEW: OperationDoc = {
  summary: 'A client today: connection, support, services, reporting, migrations, money',
  roles: ['vendor', 'analyst', 'auditor', 'partner'],
  description: 'A partner key may read only the clients it connected.',
  errors: {
    400: INVALID,
    403: ['FORBIDDEN_PARTNER'],
    404: ['CLIENT_NOT_FOUND', 'GENERATION_NOT_FOUND'],
  },
  ok: ok('The client', CLIENT_ANSWER),
};

export const RANKINGS: OperationDoc = {
  summary: 'Partners ranked as they stood on a date',
  roles: ['vendor', 'analyst'],
  description:
    'Ranked by paying clients, then net, then partner id, within the segment asked for. ' +
    '`published` means ≥ 10 paying clients and obligations fulfilled on `asOf`. ' +
    '`search` and `sort` keep each partner’s rank. With `limit`: a page, `total` rows and ' +
    '`nextCursor` (null on the last page). With `format=csv|xlsx`: the whole ranking as a file.',
  errors: { 400: INVALID, 404: ['GENERATION_NOT_FOUND'] },
  files: true,
  ok: ok('The ranking', RANKINGS_PAGE_ANSWER, {
    asOf: '2015-01-31',
    segment: 'non-csk',
    publishedOnly: false,
    items: [
      {
        rank: 1,
        partnerId: 'P-001',
        name: 'ООО «Альфа»',
        segment: 'non-csk',
        connectedClients: 1,
        payingClients: 1,
        itsProfConnections: 0,
        retail: '12345.67',
        discount: '2469.13',
        net: '9876.54',
        published: false,
      },
    ],
  }),
};

export const ANALYTICS: OperationDoc = {
  summary: 'The experiment by period and segment (CSK or not on the day of each fact)',
  roles: ['vendor', 'analyst'],
  description:
    'Weeks are ISO weeks. Totals for the window and for each decision period. With ' +
    '`format=csv|xlsx`: one row per period and segment, then per decision period, then the window.',
  errors: { 400: INVALID, 404: ['EXPERIMENT_NOT_FOUND', 'GENERATION_NOT_FOUND'] },
  files: true,
  ok: ok('The analytics', ANALYTICS_ANSWER),
};

export const SALE_TRACE: OperationDoc = {
  summary: 'Trace a discount decision to its command, actor and facts, and decide it again',
  roles: ['auditor', 'vendor'],
  errors: { 400: INVALID, 404: ['SALE_NOT_FOUND'] },
  ok: ok('The trace', SALE_TRACE_ANSWER),
};

export const VERIFY_LOG: OperationDoc = {
  summary: 'Check every stream’s hash chain',
  roles: ['auditor'],
  description:
    'Runs in a worker thread (the service keeps answering meanwhile). At most 2 verifies run at once.',
  errors: { 429: ['VERIFY_BUSY'] },
  ok: ok('Whether the log is intact, and the first broken event if not', VERIFY_ANSWER, {
    intact: true,
    checked: 7,
  }),
};

export const HEALTH: OperationDoc = {
  summary: 'Liveness and readiness: the stores and the projector',
  roles: [],
  ok: ok(
    'Alive, and every store answers (503 with the same shape when one does not)',
    HEALTH_ANSWER,
  ),
};

const NOTARY_DOWN = { 503: ['NOTARY_UNAVAILABLE'] };

export const LATEST_CHECKPOINT: OperationDoc = {
  summary: 'The latest signed checkpoint of the whole log (RFC 9162 tree size and root)',
  roles: ['auditor', 'vendor'],
  description:
    'Issued now if the log grew since the last one. Keep it: any later log must extend it. Unsigned (keyId and signature null) when the service has no FRESH_NOTARY_KEY. It covers every event recorded before the request. With FRESH_WORKERS > 1 one worker keeps the notary and records the checkpoints it issues; another worker answers the same checkpoint when it covers the log, else one of the tree the keeper recorded, signed now with the same key and kept nowhere (the same root as the keeper’s at that size).',
  errors: NOTARY_DOWN,
  ok: ok('The checkpoint', CHECKPOINT_ANSWER),
};

export const CONSISTENCY_PROOF: OperationDoc = {
  summary: 'RFC 9162 consistency proof between two tree sizes',
  roles: ['auditor', 'vendor'],
  description:
    'Proves that the tree of `to` leaves extends the tree of `from` leaves unchanged; check it with tools/verify-proof.mjs.',
  errors: { 400: INVALID, ...NOTARY_DOWN },
  ok: ok('The proof, with the roots of both trees', CONSISTENCY_ANSWER),
};

export const INCLUSION_PROOF: OperationDoc = {
  summary: 'RFC 9162 inclusion proof of one event (a leaf) in a tree size',
  roles: ['auditor', 'vendor'],
  description:
    'The event as stored (its leaf input is rebuilt from it), its leaf hash and audit path to the root of `treeSize`.',
  errors: { 400: INVALID, 404: ['EVENT_NOT_FOUND'], ...NOTARY_DOWN },
  ok: ok('The proof and the event', INCLUSION_ANSWER),
};

export const VERIFY_CHECKPOINT: OperationDoc = {
  summary: 'Check that today’s log extends a checkpoint kept by the auditor',
  roles: ['auditor'],
  description:
    'Rebuilds the Merkle tree from the events as stored now: a deleted event or stream, an altered (even re-hashed) event or a truncated log under the checkpoint is reported with the first leaf that differs. ' +
    'Runs in a worker thread; at most 2 verifies run at once. POST /audit/verify/progress does the same with its progress told.',
  errors: {
    400: ['VALIDATION_FAILED', 'INVALID_BODY'],
    429: ['VERIFY_BUSY'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
    ...NOTARY_DOWN,
  },
  ok: ok('Whether the log extends the checkpoint', CHECKPOINT_VERIFICATION_ANSWER),
};

export const VERIFY_PROGRESS: OperationDoc = {
  summary: 'Verify the whole log, its progress told as it goes (server-sent events)',
  roles: ['auditor'],
  description:
    'Body `{}` (against the notary’s latest checkpoint) or `{ "checkpoint": { … } }` (one the auditor kept). ' +
    'Walks every stream’s hash chain, then the Merkle tree against the checkpoint, in a worker thread (the service keeps answering). ' +
    'The answer is `text/event-stream`: `event: progress` with `{ phase: "chains"|"tree", events, position, headPosition, fraction }` after each read, ' +
    'then one `event: result` with `{ checkpoint, intact, chains, tree }` (as GET /audit/verify and POST /audit/verify/checkpoint answer), ' +
    'or `event: problem` with a problem (`STORE_UNAVAILABLE`) if the walk fails midway. ' +
    'Closing the connection stops the walk. At most 2 verifies run at once (429 `VERIFY_BUSY`).',
  errors: {
    400: ['VALIDATION_FAILED', 'INVALID_BODY'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
    429: ['VERIFY_BUSY'],
    ...NOTARY_DOWN,
  },
  ok: {
    status: 200,
    description: 'Server-sent events: `progress`…, then `result`',
    contentType: 'text/event-stream',
    schema: { type: 'string' },
    example:
      'event: progress\ndata: {"phase":"chains","events":2000,"position":"2000","headPosition":"4000","fraction":0.5}\n\n' +
      'event: progress\ndata: {"phase":"tree","events":4000,"position":"4000","headPosition":"4000","fraction":1}\n\n' +
      'event: result\ndata: {"checkpoint":{…},"intact":true,"chains":{"intact":true,"checked":4000},"tree":{"extendsCheckpoint":true,…}}\n\n',
  },
};

const SEARCH_ERRORS = { 400: INVALID, 503: ['NOTARY_UNAVAILABLE'] };

export const FIND_SALES: OperationDoc = {
  summary: 'Find sales with their discount decision, by partner, client, period (soldOn) or rule',
  roles: ['auditor', 'vendor'],
  description:
    'In log order, `limit` at a time (at most 500); pass `nextCursor` as `cursor` for the next page.',
  errors: SEARCH_ERRORS,
  ok: ok('A page of sales', SALES_FOUND_ANSWER),
};

export const FIND_REFUSALS: OperationDoc = {
  summary: 'Find commands a business rule refused (422), by partner, code or business date',
  roles: ['auditor', 'vendor'],
  description:
    'Every 422 answered to an authenticated caller is journaled as a CommandRefused event in the stream refusals-{partnerId} (or refusals): when, who, the route, the code, the business date, a digest of the body, the correlation id.',
  errors: SEARCH_ERRORS,
  ok: ok('A page of refusals', REFUSALS_FOUND_ANSWER),
};

export const FIND_EVENTS: OperationDoc = {
  summary: 'Find events by correlation id, key id or stream id',
  roles: ['auditor', 'vendor'],
  description: 'At least one of correlationId, keyId, streamId; several narrow the search.',
  errors: SEARCH_ERRORS,
  ok: ok('A page of events', EVENTS_FOUND_ANSWER),
};

export const WHAT_IF: OperationDoc = {
  summary: 'What other terms would have done: a scenario evaluated on the recorded sales',
  roles: ['vendor', 'analyst'],
  description:
    'Every recorded sale dated from the earlier start to the later end of the two windows is ' +
    'decided again by the discount policy it was decided with, from the facts in its ' +
    '`DiscountApplied.inputs`, with the scenario’s experiment terms and CSK rate in their place. ' +
    'Absent fields stay as recorded; `decisions` replaces the recorded decisions and each must ' +
    'pass the rules a real decision passes (else 400 on that decision). Payments of sales the ' +
    'scenario refuses are left out. `identityCheck` is present when the scenario changes nothing. ' +
    'A sale the discount policy refused is journaled with the facts the policy was given ' +
    '(CommandRefused.sale); each such sale dated in the span is decided again, and those the ' +
    'scenario would accept are counted apart: `changes.acceptedThoughRefused` and ' +
    '`wouldBeAccepted` (totals and per period), never in `scenario`. `refusalsOnRecord` is true ' +
    'when the log holds such facts; refusals journaled before them are counted in ' +
    '`changes.refusalsWithoutFacts` and cannot be decided again. Records nothing. ' +
    'With `format=csv|xlsx` (and `lang`, `dialect` as for the analytics): the periods and totals ' +
    'as a file, a row per period and segment (`all`, `csk`, `non-csk`) then the totals, each ' +
    'figure in three columns (actual, scenario, difference); money to the kopeck, as numbers in XLSX.',
  files: true,
  errors: {
    400: ['VALIDATION_FAILED', 'INVALID_BODY'],
    404: ['EXPERIMENT_NOT_FOUND'],
    413: ['BODY_TOO_LARGE'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
  },
  ok: ok('Actual, scenario and their difference', WHAT_IF_ANSWER),
};
