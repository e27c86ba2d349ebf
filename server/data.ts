import * as fs from 'node:fs';
import { manifestValidator } from '../lib/checks/manifest';
import { fromRoot } from '../lib/paths';

export interface StoreRecord {
  id: number;
  name: string;
  shop_name: string;
  url: string;
  address: Record<string, string>;
  default?: boolean;
}
/** A product as listed, except `store`, which holds the store id and is expanded when served. */
export type ProductRecord = Record<string, unknown> & { id: number; store: number; categories: Array<{ id: number }> };
export type Manifest = Record<string, unknown> & { _schemaVersion: string; app: string; version: string };
export interface AppRecord {
  app: string;
  /** Official apps get download tokens; the others get 204. */
  official: boolean;
  versions: Record<string, Manifest[]>;
}
export interface UserRecord {
  id: number;
  username: string;
  password: string;
  email: string;
  displayName: string;
  isVendor: boolean;
  isWhitelabeled: boolean;
  userLicenses: number;
  products: number[];
}
export type OrderRecord = Record<string, unknown> & { id: number; customer_id: number; line_items: Array<{ product_id: number }> };

export interface ServerData {
  stores: StoreRecord[];
  products: ProductRecord[];
  apps: AppRecord[];
  users: UserRecord[];
  licenseKeys: string[];
  subscriptions: OrderRecord[];
}

export function loadReferenceData(file = fromRoot('fixtures', 'reference', 'data.json')): ServerData {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ServerData;
}

// Stryker disable all: a start-up check of the fixture data; with the shipped data it never fires, and a mutant that makes it fire stops the server before any request
/** Refuses to start on test data that would make the reference server itself non-conforming. */
export function assertDataConsistent(data: ServerData): void {
  const storeIds = new Set(data.stores.map((store) => store.id));
  for (const product of data.products) {
    if (!storeIds.has(product.store)) throw new Error(`product ${product.id}: unknown store ${product.store}`);
  }
  for (const app of data.apps) {
    for (const [version, manifests] of Object.entries(app.versions)) {
      for (const manifest of manifests) {
        const validate = manifestValidator(manifest._schemaVersion);
        if (!validate) throw new Error(`${app.app} ${version}: unknown _schemaVersion ${manifest._schemaVersion}`);
        if (!validate(manifest as unknown)) {
          throw new Error(`${app.app} ${version} (${manifest._schemaVersion}) does not validate: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
        }
        if (manifest.app !== app.app || manifest.version !== version) throw new Error(`${app.app} ${version}: manifest names ${manifest.app} ${manifest.version}`);
      }
    }
  }
}
// Stryker restore all
