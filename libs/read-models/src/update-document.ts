import { Doc } from './read-store.port';

type Fields = Record<string, unknown>;
type Operator = (parent: Fields, field: string, operand: unknown, path: string) => void;

/** A field's own value: names such as `constructor` or `toString` are data here, never inherited. */
const own = (object: Fields, field: string): unknown =>
  Object.hasOwn(object, field) ? object[field] : undefined;

function put(object: Fields, field: string, value: unknown): void {
  if (field === '__proto__')
    Object.defineProperty(object, field, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else object[field] = value;
}

/** The object holding a dotted path's last field, creating missing objects on the way. */
function parentOf(doc: Fields, path: string): [Fields, string] {
  let parent = doc;
  let start = 0;
  for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', start)) {
    const field = path.slice(start, dot);
    let child = own(parent, field);
    if (child === undefined) put(parent, field, (child = {}));
    else if (child === null || typeof child !== 'object' || Array.isArray(child))
      throw new Error(`cannot create a field in ${path}: ${field} is not an object`);
    parent = child as Fields;
    start = dot + 1;
  }
  return [parent, path.slice(start)];
}

const copy = (value: unknown) =>
  value !== null && typeof value === 'object' ? structuredClone(value) : value;

function ordered(current: unknown, operand: unknown, path: string): void {
  if (typeof current !== typeof operand || !['number', 'string'].includes(typeof current))
    throw new Error(
      `cannot compare ${path}: ${JSON.stringify(current)} with ${JSON.stringify(operand)}`,
    );
}

const OPERATORS = {
  $set: (parent, field, operand) => put(parent, field, copy(operand)),
  $inc(parent, field, operand, path) {
    const found = own(parent, field);
    const current = found === undefined ? 0 : found;
    if (typeof operand !== 'number' || typeof current !== 'number')
      throw new Error(`cannot $inc ${path}: not a number`);
    const sum = current + operand;
    if (Number.isInteger(current) && Number.isInteger(operand) && !Number.isSafeInteger(sum))
      throw new Error(`cannot $inc ${path}: ${current} + ${operand} is past 2^53, not exact`);
    put(parent, field, sum);
  },
  $min(parent, field, operand, path) {
    const current = own(parent, field);
    if (current !== undefined) ordered(current, operand, path);
    if (current === undefined || (operand as string) < (current as string))
      put(parent, field, operand);
  },
  $max(parent, field, operand, path) {
    const current = own(parent, field);
    if (current !== undefined) ordered(current, operand, path);
    if (current === undefined || (operand as string) > (current as string))
      put(parent, field, operand);
  },
  $push(parent, field, operand, path) {
    const found = own(parent, field);
    const current = found === undefined ? [] : found;
    if (!Array.isArray(current)) throw new Error(`cannot $push to ${path}: not an array`);
    current.push(copy(operand));
    put(parent, field, current);
  },
} satisfies Record<string, Operator>;

export type UpdateOperator = keyof typeof OPERATORS;
/** The update operators both read stores evaluate alike; a projection may declare no other. */
export const UPDATE_OPERATORS = Object.keys(OPERATORS) as readonly UpdateOperator[];

/**
 * Applies a MongoDB update document in place — `$set`, `$inc`, `$min`, `$max`, `$push` on dotted
 * paths of plain field names, with MongoDB's meaning (missing objects are created, `$min`/`$max`
 * set a missing field); `$min`/`$max` compare numbers with numbers and strings with strings, and an
 * `$inc` of integers must stay exact (below 2^53). Where MongoDB refuses (`$inc` of a non-number,
 * `$push` to a non-array, a path through a non-object, null included) this throws too, and the
 * document may then be half changed: callers apply updates to a copy they can drop.
 */
export function updateDocument(doc: Doc, update: Record<string, unknown>): void {
  for (const name in update) {
    const operator: Operator | undefined = Object.hasOwn(OPERATORS, name)
      ? OPERATORS[name as UpdateOperator]
      : undefined;
    if (!operator) throw new Error(`unknown update operator ${name}`);
    const fields = update[name] as Fields;
    for (const path in fields) {
      const [parent, field] = parentOf(doc, path);
      operator(parent, field, fields[path], path);
    }
  }
}
