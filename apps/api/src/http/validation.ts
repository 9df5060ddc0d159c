import {
  ArgumentMetadata,
  CanActivate,
  ExecutionContext,
  Injectable,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { FieldError, ProblemException } from './problem';

/**
 * How deep a body may nest: the deepest command (a price list's positions) needs 3 levels.
 * Deeper input is refused before anything walks it recursively (the idempotency fingerprint,
 * class-transformer).
 */
export const MAX_NESTING = 8;

function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

const refuse = (errors: FieldError[]) =>
  new ProblemException(400, 'VALIDATION_FAILED', errors.map((e) => e.message).join('; '), errors);

/** The path of the first value nested deeper than MAX_NESTING; recursion is bounded by it. */
function tooDeep(value: unknown, path: string, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_NESTING) return path;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    const found = tooDeep(child, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Bodies and queries: a JSON object of known fields only, each checked; the answer names every wrong field. */
class CommandValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => refuse(fieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && this.toValidate(metadata)) {
      if (
        value !== undefined &&
        value !== null &&
        (typeof value !== 'object' || Array.isArray(value))
      )
        throw refuse([{ field: 'body', message: 'the body must be a JSON object' }]);
    }
    return super.transform(value, metadata);
  }
}

export const validationPipe = new CommandValidationPipe();

/** Runs after the key check and before interceptors and pipes: no deep body reaches them. */
@Injectable()
export class BodyNestingGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const deep = tooDeep(context.switchToHttp().getRequest<{ body?: unknown }>().body, '', 1);
    if (deep !== undefined)
      throw refuse([{ field: deep, message: `${deep} nests deeper than ${MAX_NESTING} levels` }]);
    return true;
  }
}
