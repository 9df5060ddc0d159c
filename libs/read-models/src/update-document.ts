import { Doc } from './read-store.port';

type Fields = Record<string, unknown>;
type Operator = (parent: Fields, field: string, operand: unknown, path: string) => void;

/** A field's own value: names such as `constructor` or `__proto__` are data here, never inherited. */
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
    if (child === undefined || child === null) put(parent, field, (child = {}));
    else if (typeof child !== 'object' || Array.isArray(child))
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

const OPERATORS: Record<string, Operator> = {
  $set: (parent, field, operand) => put(parent, field, copy(operand)),
  $inc(parent, field, operand, path) {
    const current = own(parent, field) ?? 0;
    if (typeof operand !== 'number' || typeof current !== 'number')
      throw new Error(`cannot $inc ${path}: not a number`);
    put(parent, field, current + operand);
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
    const current = own(parent, field) ?? [];
    if (!Array.isArray(current)) throw new Error(`cannot $push to ${path}: not an array`);
    current.push(copy(operand));
    put(parent, field, current);
  },
};

/**
 * Applies a MongoDB update document in place — `$set`, `$inc`, `$min`, `$max`, `$push` on dotted
 * paths, with MongoDB's meaning (missing objects are created, `$min`/`$max` set a missing field);
 * `$min`/`$max` compare numbers with numbers and strings with strings. Anything else throws, and
 * the document may then be half changed: callers apply updates to a copy they can drop.
 */
export function updateDocument(doc: Doc, update: Record<string, unknown>): void {
  for (const name in update) {
    const operator = Object.hasOwn(OPERATORS, name) ? OPERATORS[name] : undefined;
    if (!operator) throw new Error(`unknown update operator ${name}`);
    const fields = update[name] as Fields;
    for (const path in fields) {
      const [parent, field] = parentOf(doc, path);
      operator(parent, field, fields[path], path);
    }
  }
}
