import { Body, Controller, Header, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PassThrough } from 'node:stream';
import { Operation } from '../http/openapi';
import { problem } from '../http/problem';
import { toProblem } from '../http/to-problem';
import { latestCheckpoint, NotaryService } from '../infrastructure/notary.service';
import { VerifyRunner } from '../infrastructure/verify-runner';
import { VerifyProgressDto } from './notary-query.dto';
import { VERIFY_PROGRESS } from './query-docs';

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A verify of the whole log that says how far it got: server-sent events on the answer to one
 * POST (no job to keep: any process of the service can serve it), `progress` as each walk moves
 * on, then `result` (or `problem`). Run in a worker thread, as every verify is.
 */
@ApiTags('audit')
@Controller('api/v1/audit')
export class VerifyProgressController {
  constructor(
    private readonly notary: NotaryService,
    private readonly verifier: VerifyRunner,
  ) {}

  @Post('verify/progress')
  @HttpCode(200)
  @Header('Content-Type', 'text/event-stream; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Operation(VERIFY_PROGRESS)
  async progress(
    @Body() body: VerifyProgressDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PassThrough> {
    const notary = this.notary.running;
    const checkpoint = body.checkpoint ?? latestCheckpoint(notary);
    const stream = new PassThrough();
    const verify = await this.verifier.run(
      {
        checkpoint,
        phases: ['chains', 'tree'],
        trustedKey: notary.publicKey ?? undefined,
        withNotaryLeaves: true,
      },
      (progress) => stream.write(event('progress', progress)),
    );
    // The caller went away: stop walking the log for nobody.
    reply.raw.on('close', () => verify.cancel());
    verify.result
      .then(
        (result) => stream.write(event('result', { checkpoint, ...result })),
        (error: unknown) =>
          stream.write(
            event(
              'problem',
              toProblem(error) ?? problem(503, 'VERIFY_FAILED', 'the verify stopped'),
            ),
          ),
      )
      .finally(() => stream.end());
    return stream;
  }
}
