import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const SIZE = { minimum: 0, example: 120 };

export class ConsistencyQueryDto {
  @ApiProperty({ ...SIZE, description: 'The tree size of the checkpoint the auditor kept' })
  @Type(() => Number)
  @IsInt({ message: 'from must be a whole number' })
  @Min(0)
  from!: number;

  @ApiPropertyOptional({
    ...SIZE,
    description: 'A later tree size; the latest checkpoint’s when absent',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'to must be a whole number' })
  @Min(0)
  to?: number;
}

export class InclusionQueryDto {
  @ApiProperty({
    minimum: 0,
    example: 5,
    description: 'The leaf index of the event (the sale trace gives it)',
  })
  @Type(() => Number)
  @IsInt({ message: 'leafIndex must be a whole number' })
  @Min(0)
  leafIndex!: number;

  @ApiPropertyOptional({
    ...SIZE,
    description: 'The tree size to prove to; the latest checkpoint’s when absent',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'treeSize must be a whole number' })
  @Min(1)
  treeSize?: number;
}

/** A checkpoint as `GET /api/v1/audit/checkpoints/latest` gave it, sent back to be checked. */
export class CheckpointDto {
  @ApiProperty({ minimum: 0, example: 120 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'rootHash must be 64 lowercase hex digits' })
  rootHash!: string;

  @ApiProperty({ example: '2026-11-30T02:00:00.000Z' })
  @IsString()
  issuedAt!: string;

  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[0-9a-f]{16}$/, { message: 'keyId must be 16 hex digits or null' })
  keyId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[A-Za-z0-9+/]+=*$/, { message: 'signature must be base64 or null' })
  signature!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'SPKI DER, base64' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(/^[A-Za-z0-9+/]+=*$/, { message: 'publicKey must be base64 or null' })
  publicKey!: string | null;
}

export class VerifyProgressDto {
  @ApiPropertyOptional({
    type: CheckpointDto,
    description: 'A checkpoint the auditor kept; the notary’s latest when absent',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CheckpointDto)
  checkpoint?: CheckpointDto;
}
