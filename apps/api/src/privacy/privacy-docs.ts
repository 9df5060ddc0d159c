import { EVENTS_ANSWER, SUBJECT_ANSWER } from '../http/answer-schemas';
import { OperationDoc } from '../http/openapi';

const NOT_FOUND = { 400: ['VALIDATION_FAILED'], 404: ['SUBJECT_NOT_FOUND'] };

export const SUBJECT_DATA: OperationDoc = {
  summary: 'Every personal field held about a subject, decrypted, with the events holding it',
  roles: ['vendor', 'auditor'],
  description:
    'The subject is a client id (its name and INN when the INN has 12 digits: a person), or a ' +
    'partner id (its CSK responsible employee and free-text notes). An id that names both lists both.',
  errors: NOT_FOUND,
  ok: {
    status: 200,
    description: 'What is held',
    schema: SUBJECT_ANSWER,
    example: {
      subjectId: 'C-002',
      subjects: [
        {
          kind: 'client',
          subjectId: 'C-002',
          erased: false,
          fields: [
            {
              field: 'name',
              value: 'ИП Петров Пётр Петрович',
              event: {
                type: 'ClientConnected',
                streamId: 'client-C-002',
                revision: 0,
                position: '7',
                recordedAt: '2015-01-10T09:00:00.000Z',
              },
            },
          ],
        },
      ],
    },
  },
};

export const SUBJECT_ERASURE: OperationDoc = {
  summary: 'Forget a subject: destroy its data key and record the erasure',
  roles: ['vendor'],
  description:
    'Records `PersonalDataErased` (who, when, why, which fields and key ids: no personal data) ' +
    'in the `privacy` stream, then destroys the subject’s data key. From then on every read ' +
    'shows its personal fields as "erased"; counts, money, rankings, traces and the hash ' +
    'chain do not change. An id that names a client and a partner forgets both.',
  errors: {
    ...NOT_FOUND,
    400: ['VALIDATION_FAILED', 'INVALID_BODY', 'INVALID_IDEMPOTENCY_KEY'],
    409: ['IDEMPOTENCY_KEY_REUSED'],
    413: ['BODY_TOO_LARGE'],
    415: ['UNSUPPORTED_MEDIA_TYPE'],
  },
  ok: {
    status: 201,
    description: 'Recorded: the erasure',
    schema: EVENTS_ANSWER,
    example: {
      events: [
        {
          type: 'PersonalDataErased',
          streamId: 'privacy',
          revision: 0,
          position: '12',
          data: {
            subjectId: 'C-002',
            subjectKind: 'client',
            fields: ['name', 'inn'],
            keyIds: ['dk_3f9a0c1b2d4e5f60'],
            reason: 'consent withdrawn (request 2015-117)',
            erasedOn: '2015-06-01',
          },
        },
      ],
    },
  },
};
