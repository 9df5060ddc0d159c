import { formatMoney, isBusinessDate, isMoney, isRate, Kopecks, parseMoney } from '@fresh/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ValidateBy,
  ValidateNested,
  ValidationArguments,
  ValidateIf,
  isArray,
  isBoolean,
  isInt,
  isISO31661Alpha2,
  isString,
} from 'class-validator';

/*
 * Every field is checked in one order, and only its first problem is reported:
 * missing → wrong type → format, length or range. Each decorator below is one kind of field;
 * DTOs use these and nothing else, so the order holds for every field of every command.
 */

type Test = (value: unknown) => boolean;

const check = (name: string, test: Test, message: string) =>
  ValidateBy({
    name,
    validator: { validate: test, defaultMessage: (a) => `${a?.property} ${message}` },
  });

const present = (value: unknown) => value !== undefined && value !== null;

/** Required: present and not null. Optional: absent (or null) skips every other check. */
const presence = (optional: boolean) =>
  optional
    ? ValidateIf((_object, value) => present(value))
    : ValidateBy({
        name: 'isRequired',
        validator: {
          validate: present,
          defaultMessage: (a?: ValidationArguments) =>
            a?.value === null ? `${a.property} must not be null` : `${a?.property} is required`,
        },
      });

const documented = (optional: boolean, options: ApiPropertyOptions) =>
  optional ? ApiPropertyOptional(options) : ApiProperty(options);

const isPlainObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ids of partners, clients, sales and experiments: letters, digits and _ : -, up to 64 (no dots: ids become field names in read models). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_:-]{0,63}$/;

export const IsEntityId = (description: string, optional = false) =>
  applyDecorators(
    documented(optional, { description, example: 'P-001', pattern: ID_PATTERN.source }),
    presence(optional),
    check('isString', isString, 'must be a string'),
    check(
      'isEntityId',
      (v) => ID_PATTERN.test(v as string),
      'must be 1-64 letters, digits, "_", ":" or "-", starting with a letter or digit',
    ),
  );

export const IsBusinessDate = (description: string, optional = false) =>
  applyDecorators(
    documented(optional, { description, format: 'date', example: '2015-01-15' }),
    presence(optional),
    check('isString', isString, 'must be a string'),
    check('isBusinessDate', isBusinessDate, 'must be a calendar date YYYY-MM-DD'),
  );

export const IsMoney = (description: string, max: Kopecks) =>
  applyDecorators(
    ApiProperty({
      description: `${description}; more than 0 and at most ${formatMoney(max)}`,
      example: '1234.50',
      pattern: '^\\d+(\\.\\d{1,2})?$',
    }),
    presence(false),
    check('isString', isString, 'must be a string such as "1234.50"'),
    check(
      'isMoney',
      isMoney,
      'must be an amount of roubles with up to two decimals, e.g. "1234.50"',
    ),
    check('isPositive', (v) => parseMoney(v as string) > 0, 'must be more than 0'),
    check(
      'isMoneyUpTo',
      (v) => parseMoney(v as string) <= max,
      `must be at most ${formatMoney(max)}`,
    ),
  );

export const IsRate = (description: string, optional = false) =>
  applyDecorators(
    documented(optional, { description, example: '0.20' }),
    presence(optional),
    check('isString', isString, 'must be a string such as "0.20"'),
    check('isRate', isRate, 'must be a rate from "0" to "1" with up to four decimals, e.g. "0.20"'),
  );

export const IsText = (options: {
  example: string;
  maxLength: number;
  description?: string;
  optional?: boolean;
}) =>
  applyDecorators(
    documented(!!options.optional, {
      description: options.description,
      example: options.example,
      minLength: 1,
      maxLength: options.maxLength,
    }),
    presence(!!options.optional),
    check('isString', isString, 'must be a string'),
    check('isNotEmpty', (v) => v !== '', 'must not be empty'),
    check(
      'maxLength',
      (v) => (v as string).length <= options.maxLength,
      `must be at most ${options.maxLength} characters`,
    ),
  );

/** The upper bound of counts the letter leaves open (workplaces, months, specialists): keeps them exact integers. */
export const MAX_COUNT = 1_000_000;

export const IsCount = (options: {
  min: number;
  max?: number;
  example: number;
  optional?: boolean;
  description?: string;
}) =>
  applyDecorators(
    documented(!!options.optional, {
      description: options.description,
      type: 'integer',
      minimum: options.min,
      maximum: options.max ?? MAX_COUNT,
      example: options.example,
    }),
    presence(!!options.optional),
    check('isInt', isInt, 'must be a whole number'),
    check('min', (v) => (v as number) >= options.min, `must be at least ${options.min}`),
    check(
      'max',
      (v) => (v as number) <= (options.max ?? MAX_COUNT),
      `must be at most ${options.max ?? MAX_COUNT}`,
    ),
  );

export const IsOneOf = (values: readonly string[], description?: string) =>
  applyDecorators(
    ApiProperty({ description, enum: values }),
    presence(false),
    check('isString', isString, 'must be a string'),
    check('isIn', (v) => values.includes(v as string), `must be one of: ${values.join(', ')}`),
  );

export const IsFlag = (description: string, mustBeTrue = false) =>
  applyDecorators(
    ApiProperty({ description, example: true }),
    presence(false),
    check('isBoolean', isBoolean, 'must be true or false'),
    ...(mustBeTrue ? [check('isTrue', (v) => v === true, 'must be true')] : []),
  );

export const IsCountry = (description: string) =>
  applyDecorators(
    ApiProperty({ description, example: 'RU' }),
    presence(false),
    check('isString', isString, 'must be a string'),
    check(
      'isCountry',
      (v) => isISO31661Alpha2(v),
      'must be an ISO 3166-1 alpha-2 country code, e.g. "RU"',
    ),
  );

/** A nested object, checked as strictly as a body: its type, its required fields, no unknown fields. */
export const IsNestedObject = (type: () => new () => object, optional = false) =>
  applyDecorators(
    // Swagger recognises a lazy type by the name an arrow gets from a `type:` key.
    documented(optional, { type: () => type() }),
    presence(optional),
    check('isObject', isPlainObject, 'must be an object'),
    ValidateNested(),
    Type(type),
  );

/** A list of nested objects: each element an object checked like a body. */
export const IsNestedList = (
  type: () => new () => object,
  options: { minSize: number; maxSize: number },
) =>
  applyDecorators(
    ApiProperty({
      type: () => type(),
      isArray: true,
      minItems: options.minSize,
      maxItems: options.maxSize,
    }),
    presence(false),
    check('isArray', isArray, 'must be an array'),
    check(
      'arrayMinSize',
      (v) => (v as unknown[]).length >= options.minSize,
      `must have at least ${options.minSize} element(s)`,
    ),
    check(
      'arrayMaxSize',
      (v) => (v as unknown[]).length <= options.maxSize,
      `must have at most ${options.maxSize} elements`,
    ),
    ValidateBy({
      name: 'eachIsObject',
      validator: {
        validate: (v) => (v as unknown[]).every(isPlainObject),
        defaultMessage: (a?: ValidationArguments) => {
          const index = (a?.value as unknown[]).findIndex((e) => !isPlainObject(e));
          return `${a?.property}.${index} must be an object`;
        },
      },
    }),
    ValidateNested({ each: true }),
    Type(type),
  );
