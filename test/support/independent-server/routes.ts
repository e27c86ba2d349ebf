import type { Call } from './call';
import { login, validateToken } from './handlers/account';
import { apps, myApps, myProducts, mySubscriptions, products, review } from './handlers/catalogue';
import { downloadToken, manifest } from './handlers/delivery';
import { activate, registerDevice, validateLicence } from './handlers/device';
import { HttpError, type Reply } from './wire';

type Handler = (call: Call) => Promise<Reply>;

interface Route {
  /** Segments; ":name" captures one percent-decoded segment. */
  segments: string[];
  methods: Partial<Record<'GET' | 'POST', Handler>>;
}

const route = (path: string, methods: Route['methods']): Route => ({ segments: path.split('/').filter(Boolean), methods });

const ROUTES: Route[] = [
  route('/api/v2/auth/login', { POST: login }),
  route('/api/v2/auth/validate', { POST: validateToken }),
  route('/api/v2/device/license/activate', { POST: activate }),
  route('/api/v2/device/license/validate', { POST: validateLicence }),
  route('/api/v2/device/license', { POST: registerDevice }),
  route('/api/v2/manifests/:app/:version', { GET: manifest }),
  route('/api/v2/tokens', { POST: downloadToken }),
  route('/api/v2/products', { GET: products }),
  route('/api/v2/products/apps', { GET: apps }),
  route('/api/v2/products/apps/reviews', { POST: review }),
  route('/api/v2/my/products', { GET: myProducts }),
  route('/api/v2/my/products/apps', { GET: myApps }),
  route('/api/v2/my/subscriptions', { GET: mySubscriptions }),
];

export interface Match {
  methods: Route['methods'];
  params: Record<string, string>;
}

/**
 * The route of a request path. Leading slashes collapse (`//api/v2/…` is `/api/v2/…`), and every segment
 * is percent-decoded before it is compared (RFC 3986 §6.2.2.2), so `1.1.0%2Bbuild.7` is `1.1.0+build.7`.
 */
export function matchRoute(rawPath: string): Match | undefined {
  let segments: string[];
  try {
    segments = rawPath.replace(/^\/+/, '').split('/').map((segment) => decodeURIComponent(segment));
  } catch {
    throw new HttpError(400, 'Malformed percent-encoding in the path');
  }
  for (const candidate of ROUTES) {
    if (candidate.segments.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = candidate.segments.every((expected, i) => {
      if (expected.startsWith(':')) {
        params[expected.slice(1)] = segments[i];
        return segments[i] !== '';
      }
      return expected === segments[i];
    });
    if (matches) return { methods: candidate.methods, params };
  }
  return undefined;
}
