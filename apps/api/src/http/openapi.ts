import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtraModels,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Role } from '@fresh/access';
import { Roles } from '../auth/access.decorators';
import { EVENTS_ANSWER } from './answer-schemas';

class FieldErrorDoc {
  @ApiProperty({ example: 'quantity' })
  field!: string;

  @ApiProperty({ example: 'quantity must be an integer number' })
  message!: string;
}

/** RFC 9457 problem details, the body of every error the service sends. */
export class ProblemDetails {
  @ApiProperty({ example: '/problems/experiment-not-active' })
  type!: string;

  @ApiProperty({ example: 'Business rule violated' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiProperty({ example: 'experiment exp-2014 is not active on 2015-06-01' })
  detail!: string;

  @ApiProperty({ description: 'A stable code to branch on', example: 'EXPERIMENT_NOT_ACTIVE' })
  code!: string;

  @ApiPropertyOptional({
    type: [FieldErrorDoc],
    description: 'For invalid input: one entry per field',
  })
  errors?: FieldErrorDoc[];
}

type Codes = Partial<Record<number, string[]>>;

/** What any route may answer before it runs: the transport's own refusals, and the rate limit. */
const ANY: Codes = {
  400: ['MALFORMED_REQUEST'],
  408: ['REQUEST_TIMEOUT'],
  429: ['RATE_LIMITED'],
  431: ['HEADERS_TOO_LARGE'],
};

/** What any route with a key may answer, whatever it does. */
const KEYED: Codes = {
  401: ['UNAUTHORIZED'],
  403: ['FORBIDDEN_ROLE'],
  429: ['RATE_LIMITED'],
  503: ['STORE_UNAVAILABLE'],
};

/** What any command may answer besides its own rules. */
export const COMMAND_ERRORS: Codes = {
  400: ['VALIDATION_FAILED', 'INVALID_BODY', 'INVALID_IDEMPOTENCY_KEY'],
  409: ['ALREADY_EXISTS', 'IDEMPOTENCY_KEY_REUSED', 'CONCURRENCY_CONFLICT'],
  413: ['BODY_TOO_LARGE'],
  415: ['UNSUPPORTED_MEDIA_TYPE'],
};

const WHY: Record<number, string> = {
  400: 'Invalid input',
  401: 'No key, an unknown key or a revoked key',
  403: 'The role may not call this route, or a partner key names another partner',
  404: 'An unknown id',
  408: 'The headers or the body did not arrive in time; the connection is closed',
  409: 'A conflict',
  413: 'The body, or the events it would record, are too large',
  415: 'The body is not application/json',
  422: 'A business rule refused the command; nothing was recorded',
  429: 'Over the rate limit: retry after Retry-After seconds',
  431: 'The headers are over 16 KiB',
  503: 'A store does not answer or cannot write: retry, with the same Idempotency-Key',
};

function merge(...sets: Codes[]): Codes {
  const all: Codes = {};
  for (const set of sets) {
    for (const [status, codes] of Object.entries(set)) {
      all[Number(status)] = [...new Set([...(all[Number(status)] ?? []), ...(codes ?? [])])];
    }
  }
  return all;
}

const problemResponse = (status: number, codes: string[]) =>
  ApiResponse({
    status,
    description: `${WHY[status] ?? 'An error'}: ${codes.map((c) => `\`${c}\``).join(', ')}`,
    content: {
      'application/problem+json': {
        schema: {
          allOf: [
            { $ref: getSchemaPath(ProblemDetails) },
            { type: 'object', properties: { status: { enum: [status] }, code: { enum: codes } } },
          ],
        },
      },
    },
  });

export interface OperationDoc {
  summary: string;
  /** Who may call it; none for a public route. */
  roles: Role[];
  description?: string;
  /** The errors of this route beyond those of every keyed route. */
  errors?: Codes;
  /** The success answer. */
  ok: {
    status: 200 | 201;
    description: string;
    schema: object;
    example?: unknown;
    /** The answer's media type when it is not application/json. */
    contentType?: string;
  };
  /** With `format=csv|xlsx` the answer is also a file (see queries/exports). */
  files?: boolean;
}

/** The file answers of a query that takes `format=csv|xlsx`. */
const FILE_CONTENT = {
  'text/csv': {
    schema: { type: 'string', description: 'UTF-8 CSV (`dialect=excel-ru`: BOM, `;`, `,`)' },
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    schema: { type: 'string', format: 'binary', description: 'An XLSX workbook' },
  },
};

/**
 * One operation of the contract: who may call it (enforced by the guard), and what OpenAPI says of
 * it — a summary, the roles, the answer with an example, and every error status with its codes.
 */
export function Operation(doc: OperationDoc) {
  const errors = merge(ANY, doc.roles.length > 0 ? KEYED : {}, doc.errors ?? {});
  const roles = doc.roles.length > 0 ? `Roles: ${doc.roles.join(', ')}.` : 'No key needed.';
  return applyDecorators(
    ...(doc.roles.length > 0 ? [Roles(...doc.roles), ApiBearerAuth()] : []),
    ApiExtraModels(ProblemDetails),
    ApiOperation({
      summary: doc.summary,
      description: [roles, doc.description].filter(Boolean).join('\n\n'),
    }),
    ApiResponse({
      status: doc.ok.status,
      description: doc.ok.description,
      content: {
        [doc.ok.contentType ?? 'application/json']: {
          schema: doc.ok.schema,
          ...(doc.ok.example !== undefined && { example: doc.ok.example }),
        },
        ...(doc.files && FILE_CONTENT),
      },
    }),
    ...Object.entries(errors).map(([status, codes]) =>
      problemResponse(Number(status), codes ?? []),
    ),
  );
}

/** The 201 answer of a command, with an example of the events it records. */
export const recorded = (
  description: string,
  ...events: { type: string; streamId: string; revision?: number; data: object }[]
): OperationDoc['ok'] => ({
  status: 201,
  description: `Recorded: ${description}`,
  schema: EVENTS_ANSWER,
  example: {
    events: events.map((e, i) => ({
      type: e.type,
      streamId: e.streamId,
      revision: e.revision ?? i,
      position: String(101 + i),
      data: e.data,
    })),
  },
});
