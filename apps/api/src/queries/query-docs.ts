import {
  ANALYTICS_ANSWER,
  CLIENT_ANSWER,
  HEALTH_ANSWER,
  PARTNER_ANSWER,
  SALE_TRACE_ANSWER,
  VERIFY_ANSWER,
  WHAT_IF_ANSWER,
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
    'Refused commands are not on record yet (`refusalsOnRecord: false`): sales refused in reality ' +
    'that the scenario would accept cannot be counted. Records nothing.',
  errors: {
    400: ['VALIDATION_FAILED', 'INVALID_BODY'],
    404: ['EXPERIMENT_NOT_FOUND'],
    413: ['BODY_TOO_LARGE'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
  },
  ok: ok('Actual, scenario and their difference', WHAT_IF_ANSWER),
};
