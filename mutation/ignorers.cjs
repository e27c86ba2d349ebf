// @ts-check
// Stryker ignorer plugin (mutation/stryker.config.mjs `ignorers`): mutants of the reference server that no
// conformance run can tell from the original, found by the shape of the code rather than one comment per line.
// Plain CommonJS: Stryker loads plugins without the TypeScript loader, in every one of its processes.

/** @typedef {{ type: string, [key: string]: any }} Node */
/** @typedef {{ node: Node, parentPath: Path | null, key: string | number | null }} Path */

const FAULT_SWITCH = 'fault-switch: no fault is on in a conformance run, so faults.active() is false whatever it is given';
const FAULT_BRANCH = 'fault branch: it is evaluated, or has an effect, only while a fault is on, and no fault is on in a conformance run';
const FAULT_OPTIONS = 'options made of fault switches only: each is false in a conformance run, as an absent option is';
const REASON_WORDING = "a field's name in an error's reason text: the wording is the server's own (the reason is any non-empty string, #/components/schemas/errorDescription)";
const REASON_TEXT = "a part of an error's reason text that has words of its own either way: the reason is any non-empty string (#/components/schemas/errorDescription)";
const ROUTE_CONFIG = 'route config: it carries the operationId that fault rewrites alone read, and no fault is on in a conformance run';

/** `faults.active(...)`. */
const isFaultSwitch = (/** @type {Node} */ node) =>
  node.type === 'CallExpression' &&
  node.callee.type === 'MemberExpression' &&
  node.callee.object.type === 'Identifier' &&
  node.callee.object.name === 'faults' &&
  node.callee.property.type === 'Identifier' &&
  node.callee.property.name === 'active';

/** No call, assignment or update below: evaluating it has no effect. */
function isPure(/** @type {Node} */ node) {
  if (node === null || typeof node !== 'object') return true;
  if (['CallExpression', 'NewExpression', 'AssignmentExpression', 'UpdateExpression', 'AwaitExpression', 'YieldExpression'].includes(node.type)) return false;
  return Object.entries(node).every(([key, child]) => ['loc', 'start', 'end', 'leadingComments', 'trailingComments', 'innerComments', 'extra'].includes(key) || (Array.isArray(child) ? child.every(isPure) : typeof child !== 'object' || child === null || isPure(child)));
}

/** An expression that is false whenever no fault is on, whatever else it reads (without effects of its own). */
function isFaultOnly(/** @type {Node} */ node) {
  if (isFaultSwitch(node)) return true;
  if (node.type === 'LogicalExpression' && node.operator === '&&') return isFaultOnly(node.left) || (isFaultOnly(node.right) && isPure(node.left));
  if (node.type === 'LogicalExpression' && node.operator === '||') return isFaultOnly(node.left) && isFaultOnly(node.right);
  return false;
}

/** The functions of server/context.ts whose third argument names the field in their error's reason, and nothing else. */
const REASON_NAMING = ['expectType', 'rejectUnknown'];
const isReasonFieldName = (/** @type {Path} */ path) =>
  path.node.type === 'StringLiteral' &&
  path.key === 2 &&
  path.parentPath?.node.type === 'CallExpression' &&
  path.parentPath.node.callee.type === 'Identifier' &&
  REASON_NAMING.includes(path.parentPath.node.callee.name);

/** Where an error's reason is given: `new HttpError(status, reason)`, `errorBody(status, reason)`. */
const REASON_ARGUMENT = { HttpError: 1, errorBody: 1 };
const calleeName = (/** @type {Node} */ node) => (node.callee.type === 'Identifier' ? node.callee.name : undefined);

/** A reason given as a template literal with static text of its own: no change to what it interpolates empties it. */
function isReasonTemplate(/** @type {Path} */ path) {
  const { node, parentPath } = path;
  if (node.type !== 'TemplateLiteral' || !parentPath || !['NewExpression', 'CallExpression'].includes(parentPath.node.type)) return false;
  const name = calleeName(parentPath.node);
  return name !== undefined && REASON_ARGUMENT[/** @type {keyof typeof REASON_ARGUMENT} */ (name)] === path.key && node.quasis.some((/** @type {Node} */ quasi) => quasi.value.cooked.trim() !== '');
}

/** Inside such a template (not the template itself, whose removal empties the reason). */
function isInsideReasonTemplate(/** @type {Path} */ path) {
  // The template's own text and bare names are nothing a mutator changes.
  if (path.node.type === 'TemplateElement' || path.node.type === 'Identifier') return false;
  for (let ancestor = path.parentPath; ancestor; ancestor = ancestor.parentPath) {
    if (ancestor.node.type === 'TemplateLiteral') return isReasonTemplate(ancestor);
    if (ancestor.node.type.endsWith('Statement') || ancestor.node.type.includes('Function')) return false;
  }
  return false;
}

const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

/** The options argument of `app.<method>(path, { config: … }, handler)`. */
const isRouteOptions = (/** @type {Path} */ path) =>
  path.node.type === 'ObjectExpression' &&
  path.key === 1 &&
  path.node.properties.every((/** @type {Node} */ property) => property.type === 'ObjectProperty' && property.key.type === 'Identifier' && property.key.name === 'config') &&
  path.parentPath?.node.type === 'CallExpression' &&
  path.parentPath.node.callee.type === 'MemberExpression' &&
  path.parentPath.node.callee.object.type === 'Identifier' &&
  path.parentPath.node.callee.object.name === 'app' &&
  ROUTE_METHODS.includes(path.parentPath.node.callee.property.name);

/**
 * Why Stryker should ignore this node with everything below it, or undefined. The rules:
 * a fault switch and any expression false whenever no fault is on (`faults.active(x) && …`), its negation
 * (true whatever the switch is named), the branch such a test guards (an if's consequent, a ternary's
 * consequent), a function returning nothing but such an expression, options made of fault switches only,
 * a route's options that carry only its config, a field's name passed only to word an error's reason, and any
 * part of a reason template that keeps static text of its own.
 * @param {Path} path
 * @returns {string | undefined}
 */
function shouldIgnore(path) {
  const { node, parentPath } = path;
  if (isFaultOnly(node)) return isFaultSwitch(node) ? FAULT_SWITCH : FAULT_BRANCH;
  if (node.type === 'UnaryExpression' && node.operator === '!' && isFaultOnly(node.argument)) return FAULT_SWITCH;
  const parent = parentPath?.node;
  if (parent && (parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && path.key === 'consequent' && isFaultOnly(parent.test)) return FAULT_BRANCH;
  if (node.type === 'ArrowFunctionExpression' && node.body.type !== 'BlockStatement' && isFaultOnly(node.body)) return FAULT_BRANCH;
  if (node.type === 'ObjectExpression' && node.properties.length > 0 && node.properties.every((/** @type {Node} */ property) => property.type === 'ObjectProperty' && isFaultSwitch(property.value))) return FAULT_OPTIONS;
  if (isRouteOptions(path)) return ROUTE_CONFIG;
  if (isReasonFieldName(path)) return REASON_WORDING;
  if (isInsideReasonTemplate(path)) return REASON_TEXT;
  return undefined;
}

const ignorer = { shouldIgnore };

// A plugin as @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, …) declares it (that package is ES modules only).
exports.strykerPlugins = [{ kind: 'Ignore', name: 'fault-switches', value: ignorer }];
exports.shouldIgnore = shouldIgnore;
