import { realClient } from './basis';
import { isLogin200, loginData, U32_MAX } from './login-data';
import { failure, type Check } from './types';

/** Real clients (real-clients.md 24): user.ID is an integer in [0, 2^32-1]. */
export const userIdU32: Check = {
  name: 'user_id_u32',
  title: 'Login user.ID fits an unsigned 32-bit integer',
  requirement: 'data.user.ID is an integer in [0, 2^32-1] (the daemon stores it as u32).',
  strength: 'SHOULD',
  basis: [realClient(24)],
  appliesTo: isLogin200,
  run(exchange) {
    const id = loginData(exchange)?.user?.ID;
    if (id === undefined || (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= U32_MAX)) return undefined;
    return failure(this, exchange, `an integer in [0, ${U32_MAX}]`, JSON.stringify(id));
  },
};
