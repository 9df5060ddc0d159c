import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EventStore } from '@fresh/event-store';
import { ProblemException } from '../http/problem';
import { Operation } from '../http/openapi';
import { latestCheckpoint, NotaryService } from '../infrastructure/notary.service';
import { VerifyRunner } from '../infrastructure/verify-runner';
import { CheckpointDto, ConsistencyQueryDto, InclusionQueryDto } from './notary-query.dto';
import {
  CONSISTENCY_PROOF,
  INCLUSION_PROOF,
  LATEST_CHECKPOINT,
  VERIFY_CHECKPOINT,
} from './query-docs';

const tooLarge = (field: string, value: number, size: number) =>
  new ProblemException(
    400,
    'VALIDATION_FAILED',
    `${field} ${value} is beyond the tree (${size} events)`,
    [{ field, message: `must be at most ${size}, the size of the tree` }],
  );

/** Auditors: signed checkpoints of the whole log, RFC 9162 proofs, and a log checked against a kept checkpoint. */
@ApiTags('audit')
@Controller('api/v1/audit')
export class NotaryController {
  constructor(
    private readonly notary: NotaryService,
    private readonly events: EventStore,
    private readonly verifier: VerifyRunner,
  ) {}

  @Get('checkpoints/latest')
  @Operation(LATEST_CHECKPOINT)
  async latest() {
    const notary = this.notary.running;
    // On demand: cover every event recorded before the request, if the notary gets there soon
    // (standing by: once the keeper has recorded it in notary.db).
    const head = await this.events.headPosition();
    if (head !== undefined) await this.notary.reached(head);
    return latestCheckpoint(notary);
  }

  @Get('proofs/consistency')
  @Operation(CONSISTENCY_PROOF)
  consistency(@Query() query: ConsistencyQueryDto) {
    const notary = this.notary.running;
    const to = query.to ?? latestCheckpoint(notary).treeSize;
    if (to > notary.size) throw tooLarge('to', to, notary.size);
    if (query.from > to) throw tooLarge('from', query.from, to);
    return notary.consistency(query.from, to);
  }

  @Get('proofs/inclusion')
  @Operation(INCLUSION_PROOF)
  async inclusion(@Query() query: InclusionQueryDto) {
    const notary = this.notary.running;
    const treeSize = query.treeSize ?? latestCheckpoint(notary).treeSize;
    if (treeSize > notary.size) throw tooLarge('treeSize', treeSize, notary.size);
    if (query.leafIndex >= treeSize) throw tooLarge('leafIndex', query.leafIndex, treeSize - 1);
    const event = await notary.eventAt(query.leafIndex);
    if (!event) {
      throw new ProblemException(
        404,
        'EVENT_NOT_FOUND',
        `the event of leaf ${query.leafIndex} is no longer in the log`,
      );
    }
    const { streamId, revision, type, schemaVersion, data, metadata, hash, position } = event;
    return {
      ...notary.inclusion(query.leafIndex, treeSize),
      rootHash: notary.root(treeSize),
      event: {
        streamId,
        revision,
        type,
        schemaVersion,
        data,
        metadata,
        hash,
        position: position.toString(),
      },
    };
  }

  @Post('verify/checkpoint')
  @HttpCode(200)
  @Operation(VERIFY_CHECKPOINT)
  async verify(@Body() checkpoint: CheckpointDto) {
    const notary = this.notary.running;
    const verify = await this.verifier.run({
      checkpoint: { ...checkpoint },
      phases: ['tree'],
      trustedKey: notary.publicKey ?? undefined,
      withNotaryLeaves: true,
    });
    return (await verify.result).tree;
  }
}
