import { realClient } from './basis';
import { isLogin200, loginData } from './login-data';
import { failure, type Check } from './types';

/** What the web UI and the daemon read from a login (real-clients 24); the contract requires none of it. */
const FIELDS: Array<[group: string, field: string, type: 'string' | 'number' | 'boolean']> = [
  ['user', 'ID', 'number'],
  ['user', 'user_email', 'string'],
  ['user', 'user_login', 'string'],
  ['user', 'display_name', 'string'],
  ['jwt', 'token', 'string'],
  ['jwt', 'token_expires', 'number'],
  ['feature_flags', 'isVendor', 'boolean'],
  ['feature_flags', 'isWhitelabeled', 'boolean'],
];

export const loginDataComplete: Check = {
  name: 'login_data_complete',
  title: 'A login carries what the web UI and the daemon read',
  requirement: 'The login 200 data has user.{ID,user_email,user_login,display_name}, jwt.{token,token_expires} and feature_flags.{isVendor,isWhitelabeled} (real-clients 24).',
  strength: 'SHOULD',
  basis: [realClient(24)],
  appliesTo: isLogin200,
  run(exchange) {
    const data = loginData(exchange);
    const missing = FIELDS.filter(([group, field, type]) => typeof data?.[group]?.[field] !== type).map(([group, field, type]) => `${group}.${field} (${type})`);
    if (missing.length === 0) return undefined;
    return failure(this, exchange, 'every field the clients read', `missing or mistyped: ${missing.join(', ')}`);
  },
};
