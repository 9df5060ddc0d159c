import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ErasureDto {
  @ApiProperty({
    description:
      'Why the subject is forgotten; recorded in the log, so it must not name the person',
    example: 'consent withdrawn (request 2015-117)',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}
