import { OperationDoc } from '../http/openapi';
import {
  EXPERIMENTS_ANSWER,
  GENERATIONS_ANSWER,
  PARTNER_LIST_ANSWER,
  PARTNER_PROFILE_ANSWER,
} from './console-answers';

/** What the OpenAPI document says of the reads the console adds. */
const INVALID = ['VALIDATION_FAILED'];

export const PARTNER_LIST: OperationDoc = {
  summary: 'Partners, paged, with their segment and paying clients today',
  roles: ['vendor', 'analyst', 'auditor'],
  description:
    'In partner id order. `search` matches the id or the name; `segment` is the status today ' +
    '(the generation’s date for an as-of generation). `limit` defaults to 100; pass `nextCursor` ' +
    'back as `cursor` for the next page.',
  errors: { 400: INVALID, 404: ['GENERATION_NOT_FOUND'] },
  ok: {
    status: 200,
    description: 'A page of partners',
    schema: PARTNER_LIST_ANSWER,
  },
};

export const PARTNER_PROFILE: OperationDoc = {
  summary: 'A partner as it stood on a date: statuses, place, publication, months and clients',
  roles: ['vendor', 'analyst', 'auditor'],
  description:
    '`rank` is its place in the ranking of all partners and of its segment on `asOf`; ' +
    '`notPublishedBecause` says why it is not on the published list. With `format=csv|xlsx` and ' +
    '`table=months|clients|timeline`: that table as a file.',
  errors: { 400: INVALID, 404: ['PARTNER_NOT_FOUND', 'GENERATION_NOT_FOUND'] },
  files: true,
  ok: { status: 200, description: 'The partner on the date', schema: PARTNER_PROFILE_ANSWER },
};

export const EXPERIMENT_LIST: OperationDoc = {
  summary: 'The experiments: start terms and every decision with its dates',
  roles: ['vendor', 'analyst', 'auditor'],
  errors: { 400: INVALID, 404: ['GENERATION_NOT_FOUND'] },
  ok: { status: 200, description: 'The experiments', schema: EXPERIMENTS_ANSWER },
};

export const GENERATION_LIST: OperationDoc = {
  summary:
    'The live generation of the read models and the as-of ones built by `fresh replay --until`',
  roles: ['vendor', 'analyst', 'auditor'],
  ok: {
    status: 200,
    description: 'The generations',
    schema: GENERATIONS_ANSWER,
    example: { live: 'g1', asOf: ['asof-2015-05-31'] },
  },
};
