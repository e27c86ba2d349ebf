import type { Rule } from '../types';
import { requestBodyAdded, requestBodyRemoved, requestBodyRequiredChanged, requestContentTypeChanged } from './bodies';
import { componentAdded, componentRemoved, operationAdded, operationIdChanged, operationMoved, operationRemoved } from './operations';
import { requestParameterAdded, requestParameterLocationChanged, requestParameterRemoved, requestParameterRequiredChanged } from './parameters';
import { responseContentTypeChanged, responseHeaderAdded, responseHeaderRemoved, responseHeaderRequiredChanged, responseStatusAdded, responseStatusRemoved } from './responses';
import { SCHEMA_RULES } from './schemas';
import { authHeaderRequirementChanged, securityRequirementChanged } from './security';

export { SCHEMA_RULES };
export const REMOVED_OPERATION_RULES = [operationRemoved];
export const ADDED_OPERATION_RULES = [operationAdded];
export const DOCUMENT_RULES = [componentAdded, componentRemoved];
/** Rules on an operation both sides have; schema changes inside it are SCHEMA_RULES', applied by the comparison's walk. */
export const OPERATION_RULES = [
  operationMoved,
  operationIdChanged,
  requestParameterAdded,
  requestParameterRemoved,
  requestParameterRequiredChanged,
  requestParameterLocationChanged,
  authHeaderRequirementChanged,
  securityRequirementChanged,
  requestBodyAdded,
  requestBodyRemoved,
  requestBodyRequiredChanged,
  requestContentTypeChanged,
  responseStatusRemoved,
  responseStatusAdded,
  responseContentTypeChanged,
  responseHeaderRemoved,
  responseHeaderRequiredChanged,
  responseHeaderAdded,
];

/** Every rule, for the reports' rule list and the self-test that each one can fire. */
export const ALL_RULES: Array<Rule<never>> = [...REMOVED_OPERATION_RULES, ...ADDED_OPERATION_RULES, ...DOCUMENT_RULES, ...OPERATION_RULES, ...SCHEMA_RULES] as Array<Rule<never>>;
