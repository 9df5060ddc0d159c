import { UPDATE_OPERATORS, UpdateOperator } from '../update-document';

/**
 * What a projection may write, declared with it: per update operator, the dotted paths it
 * updates, `*` standing for one field name taken from the event (an id, a date, a segment).
 */
export type Writes = Readonly<Partial<Record<UpdateOperator, readonly string[]>>>;

/** A path segment written as such: a plain name (no `$`, no array index, nothing empty). */
const LITERAL = /^[A-Za-z][A-Za-z0-9_-]*$/;
/** A field name taken from an event: what ids, dates and segments look like; never `$…` nor dotted. */
const FIELD_NAME = '[A-Za-z0-9][A-Za-z0-9_:-]*';

export class ProjectionDefinitionError extends Error {
  constructor(projection: string, reason: string) {
    super(`projection "${projection}" is refused: ${reason}`);
    this.name = 'ProjectionDefinitionError';
  }
}

/** Two paths that could name the same field, or one a field inside the other (MongoDB refuses that in one update). */
const overlap = (a: string[], b: string[]) =>
  a.slice(0, Math.min(a.length, b.length)).every((s, i) => s === '*' || b[i] === '*' || s === b[i]);

/** Compiled declarations: per operator, one pattern every written path must match. */
export type CompiledWrites = ReadonlyMap<string, RegExp>;

/**
 * Checks a projection's declared writes and compiles them: every operator must be one the read
 * stores evaluate alike, every path a chain of plain names and `*`, and no two paths may touch the
 * same field. Throws ProjectionDefinitionError otherwise: a projection is refused when defined.
 */
export function compileWrites(projection: string, writes: Writes): CompiledWrites {
  const declared: { operator: string; pattern: string; segments: string[] }[] = [];
  const compiled = new Map<string, RegExp>();
  for (const [operator, patterns] of Object.entries(writes)) {
    if (!(UPDATE_OPERATORS as readonly string[]).includes(operator))
      throw new ProjectionDefinitionError(
        projection,
        `${operator} is not an update operator both read stores evaluate alike (${UPDATE_OPERATORS.join(', ')})`,
      );
    for (const pattern of patterns ?? []) {
      const segments = pattern.split('.');
      const bad = segments.find((s) => s !== '*' && !LITERAL.test(s));
      if (bad !== undefined)
        throw new ProjectionDefinitionError(
          projection,
          `${operator} ${pattern}: "${bad}" is not a plain field name (positional $, array indexes and empty names are not supported)`,
        );
      for (const other of declared)
        if (overlap(segments, other.segments))
          throw new ProjectionDefinitionError(
            projection,
            `${other.operator} ${other.pattern} and ${operator} ${pattern} may write the same field`,
          );
      declared.push({ operator, pattern, segments });
    }
    const alternatives = (patterns ?? []).map((p) =>
      p
        .split('.')
        .map((s) => (s === '*' ? FIELD_NAME : s.replace(/-/g, '\\-')))
        .join('\\.'),
    );
    compiled.set(
      operator,
      new RegExp(alternatives.length ? `^(?:${alternatives.join('|')})$` : '(?!)'),
    );
  }
  return compiled;
}

/** Why an update does not keep to the declared writes; undefined when it does. */
export function undeclaredWrite(
  writes: CompiledWrites,
  update: Record<string, unknown>,
): string | undefined {
  for (const operator in update) {
    const pattern = writes.get(operator);
    if (!pattern) return `it writes with ${operator}, which it did not declare`;
    const fields = update[operator];
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields))
      return `its ${operator} is not a document of paths`;
    for (const path in fields)
      if (!pattern.test(path)) return `it writes ${operator} ${path}, a path it did not declare`;
  }
  return undefined;
}
