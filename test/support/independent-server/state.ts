import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { fromRoot } from '../../../lib/paths';

const DATA_FILE = fromRoot('fixtures', 'independent', 'data.json');

export interface StoreRecord {
  id: number;
  name: string;
  shop_name: string;
  url: string;
  address: Record<string, string>;
  default?: boolean;
}

/** A product as listed, except that `store` is the id of its store. */
export interface ProductRecord {
  id: number;
  name: string;
  permalink: string;
  store: number;
  categories: { id: number; name: string; slug: string }[];
  average_rating: string;
  rating_count: number;
  [field: string]: unknown;
}

export interface Manifest {
  _schemaVersion: string;
  app: string;
  version: string;
  [field: string]: unknown;
}

export interface AppRecord {
  app: string;
  /** Official apps get download tokens; the others are answered 204. */
  official: boolean;
  versions: { version: string; manifests: Manifest[] }[];
}

export interface UserRecord {
  ID: number;
  user_login: string;
  password: string;
  display_name: string;
  user_email: string;
  feature_flags: { isVendor: boolean; isWhitelabeled: boolean };
  userLicences: number;
  /** The shop's customer id: not the login's user ID. */
  customerId: number;
  products: number[];
}

export interface SubscriptionRecord {
  id: number;
  status: string;
  customer: string;
  store_id: number;
  line_items: Record<string, unknown>[];
  billing: Record<string, string>;
}

export interface SeedData {
  pageSize: number;
  stores: StoreRecord[];
  products: ProductRecord[];
  apps: AppRecord[];
  users: UserRecord[];
  deviceLicenceKeys: string[];
  subscriptions: SubscriptionRecord[];
}

export const loadSeed = (): SeedData => JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as SeedData;

export interface Session {
  /** Lower-case canonical form. */
  id: string;
  timestamp: bigint;
  licenceKey: string;
}

interface Licence {
  key: string;
  /** The session of the device that activated it. */
  sessionId?: string;
}

/** Nanoseconds since the epoch from a monotonic source: every value it hands out is larger than the one before. */
class NanoClock {
  private readonly epochNs = BigInt(Date.now()) * 1_000_000n;
  private readonly startHr = process.hrtime.bigint();
  private last = 0n;

  next(): bigint {
    const now = this.epochNs + (process.hrtime.bigint() - this.startHr);
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }
}

export interface Review {
  id: number;
  userId: number;
  productId: number;
}

export type Activation = { kind: 'created'; session: Session; licenceKey: string } | { kind: 'already-active'; session: Session };

/** Everything the server remembers between requests: sessions, licences, registrations, reviews. */
export class ConsoleState {
  private readonly clock = new NanoClock();
  private readonly sessions = new Map<string, Session>();
  private readonly licences = new Map<string, Licence>();
  private readonly licencesLeft = new Map<number, number>();
  private readonly serials = new Set<string>();
  private readonly reviews: Review[] = [];
  private nextReviewId = 91_001;
  private nextRegistrationId = 5_500_001;

  constructor(readonly seed: SeedData) {
    for (const key of seed.deviceLicenceKeys) this.licences.set(key, { key });
    for (const user of seed.users) this.licencesLeft.set(user.ID, user.userLicences);
  }

  get defaultStore(): StoreRecord {
    return this.seed.stores.find((store) => store.default) ?? this.seed.stores[0];
  }

  store(id: number): StoreRecord | undefined {
    return this.seed.stores.find((store) => store.id === id);
  }

  userByLogin(login: string): UserRecord | undefined {
    const email = login.toLowerCase();
    return this.seed.users.find((user) => user.user_login === login || user.user_email.toLowerCase() === email);
  }

  userById(id: number): UserRecord | undefined {
    return this.seed.users.find((user) => user.ID === id);
  }

  product(id: number): ProductRecord | undefined {
    return this.seed.products.find((product) => product.id === id);
  }

  app(name: string): AppRecord | undefined {
    return this.seed.apps.find((app) => app.app === name);
  }

  /** UUIDs compare case-insensitively (RFC 9562 §4): an upper-case id names the same session. */
  session(id: string): Session | undefined {
    return this.sessions.get(id.toLowerCase());
  }

  private openSession(licence: Licence): Session {
    const session: Session = { id: randomUUID(), timestamp: this.clock.next(), licenceKey: licence.key };
    this.sessions.set(session.id, session);
    licence.sessionId = session.id;
    return session;
  }

  /** "Device already active": the device keeps its session, re-stamped so that timestamps only grow. */
  private restamp(session: Session): Session {
    session.timestamp = this.clock.next();
    return session;
  }

  /** undefined = no such licence key. */
  activateKey(key: string): Activation | undefined {
    const licence = this.licences.get(key);
    if (!licence) return undefined;
    const current = licence.sessionId === undefined ? undefined : this.sessions.get(licence.sessionId);
    if (current) return { kind: 'already-active', session: this.restamp(current) };
    return { kind: 'created', session: this.openSession(licence), licenceKey: key };
  }

  reconfirm(session: Session): Activation {
    return { kind: 'already-active', session: this.restamp(session) };
  }

  /** A new device licence out of the user's quota; undefined = none left. */
  activateUserLicence(user: UserRecord): Activation | undefined {
    const left = this.licencesLeft.get(user.ID) ?? 0;
    if (left <= 0) return undefined;
    this.licencesLeft.set(user.ID, left - 1);
    const licence: Licence = { key: `IND-U${user.ID}-${randomBytes(6).toString('hex').toUpperCase()}` };
    this.licences.set(licence.key, licence);
    return { kind: 'created', session: this.openSession(licence), licenceKey: licence.key };
  }

  /** undefined = the serial number is registered already ("must be globally unique across all devices"). */
  registerSerial(serial: string): number | undefined {
    if (this.serials.has(serial)) return undefined;
    this.serials.add(serial);
    return this.nextRegistrationId++;
  }

  /** undefined = this user has reviewed this product already. */
  addReview(userId: number, product: ProductRecord, rating: number): Review | undefined {
    if (this.reviews.some((review) => review.userId === userId && review.productId === product.id)) return undefined;
    const review: Review = { id: this.nextReviewId++, userId, productId: product.id };
    this.reviews.push(review);
    const total = Number(product.average_rating) * product.rating_count + rating;
    product.rating_count += 1;
    product.average_rating = (total / product.rating_count).toFixed(2);
    return review;
  }
}
