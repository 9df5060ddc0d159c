import { isBusinessDate, isMoney, isRate } from '@fresh/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateBy, ValidationOptions } from 'class-validator';

const check = (
  name: string,
  test: (value: unknown) => boolean,
  message: string,
  options?: ValidationOptions,
) =>
  ValidateBy(
    { name, validator: { validate: test, defaultMessage: (a) => `${a?.property} ${message}` } },
    options,
  );

/** Ids of partners, clients, sales and experiments: letters, digits and _ : -, up to 64 (no dots: ids become field names in read models). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/;

export const IsEntityId = (description: string, optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ description, example: 'P-001' })
      : ApiProperty({ description, example: 'P-001' }),
    Matches(ID_PATTERN, {
      message: '$property must be 1-64 letters, digits, "_", ":" or "-"',
    }),
  );

export const IsBusinessDate = (description: string, optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ description, format: 'date', example: '2015-01-15' })
      : ApiProperty({ description, format: 'date', example: '2015-01-15' }),
    ...(optional ? [IsOptional()] : []),
    check('isBusinessDate', isBusinessDate, 'must be a calendar date YYYY-MM-DD'),
  );

export const IsMoney = (description: string, options: { positive?: boolean } = {}) =>
  applyDecorators(
    ApiProperty({ description, example: '1234.50', pattern: '^\\d+(\\.\\d{1,2})?$' }),
    check(
      'isMoney',
      (v) => isMoney(v) && (!options.positive || /[1-9]/.test(v)),
      `must be ${options.positive ? 'a positive' : 'an'} amount of roubles as a string with up to two decimals, e.g. "1234.50"`,
    ),
  );

export const IsRate = (description: string, optional = false) =>
  applyDecorators(
    optional
      ? ApiPropertyOptional({ description, example: '0.20' })
      : ApiProperty({ description, example: '0.20' }),
    ...(optional ? [IsOptional()] : []),
    check(
      'isRate',
      isRate,
      'must be a rate from "0" to "1" as a string with up to four decimals, e.g. "0.20"',
    ),
  );
