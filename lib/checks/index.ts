import { completeResponse } from './complete_response';
import { contentTypeConformance } from './content_type_conformance';
import { bodyStatusCode } from './body_status_code';
import { errorBodyConsistency } from './error_body_consistency';
import { loginDataComplete } from './login_data_complete';
import { noStackTrace } from './no_stack_trace';
import { sessionHeaderEcho } from './session_header_echo';
import { notAServerError } from './not_a_server_error';
import { patternConformance } from './pattern_conformance';
import { appProductAttributes } from './app_product_attributes';
import { metadataKey } from './metadata_key';
import { tokenExpiresSeconds } from './token_expires_seconds';
import { userIdU32 } from './user_id_u32';
import { responseHeadersConformance } from './response_headers_conformance';
import { responseSchemaConformance } from './response_schema_conformance';
import { statusCodeConformance } from './status_code_conformance';
import type { Check, CheckContext, Failure } from './types';
import type { Exchange } from '../http/exchange';

/** The checks applied to every exchange a scenario or property makes. */
export const EXCHANGE_CHECKS: Check[] = [
  completeResponse,
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseHeadersConformance,
  responseSchemaConformance,
  errorBodyConsistency,
  noStackTrace,
  bodyStatusCode,
  patternConformance,
  sessionHeaderEcho,
  tokenExpiresSeconds,
  userIdU32,
  appProductAttributes,
  metadataKey,
  loginDataComplete,
];

export function checkExchange(exchange: Exchange, context: CheckContext, checks: Check[] = EXCHANGE_CHECKS): Failure[] {
  const failures: Failure[] = [];
  for (const check of checks) {
    if (!check.appliesTo(exchange, context)) continue;
    const result = check.run(exchange, context);
    if (result) failures.push(result);
  }
  return failures;
}

export type { Check, CheckContext, Failure, Strength } from './types';
