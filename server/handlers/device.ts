import type { FastifyInstance } from 'fastify';
import { underTheUsersKey } from '../faults/lookups';
import { expectType, header, objectBody, requireUser, SESSION_ID, sessionHeader, success, type HandlerContext } from '../context';
import { HttpError } from '../errors';
import type { LicenceRecord } from '../state';

// Stryker disable next-line Regex: the contract gives serial_number no pattern or length: which serials a server refuses is its own
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isCalendarDate = (value: string): boolean => {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().startsWith(value);
};

/** Tag Device: activate, license/validate and the registration of device licences. */
export function registerDevice(app: FastifyInstance, context: HandlerContext): void {
  const { state, tokens, faults } = context;
  /** Users the fault activate-quota-off-by-one let activate beyond their quota (once each). */
  const overdrawn = new Set<number>();

  app.post('/api/v2/device/license/activate', { config: { operationId: 'post-api-v2-device-license-activate' } }, async (request, reply) => {
    if (faults.active('activate-null-body-rejected') && request.body === null) throw new HttpError(400, 'Invalid payload: null');
    const body = objectBody(request, { optional: true });
    expectType(body.licenseKey, 'string', 'licenseKey', false);
    const sessionId = header(request, 'x-session-id');
    // Stryker disable next-line ConditionalExpression: an X-Session-Id off the pattern names no session: refusing it (400) or activating as for an unknown session are both correct (the activate scenarios accept either)
    if (sessionId !== undefined && !SESSION_ID.test(sessionId)) throw new HttpError(400, 'Invalid header X-Session-Id: not a lowercase uuid');
    const authorization = header(request, 'authorization');

    let licence: LicenceRecord | undefined;
    if (typeof body.licenseKey === 'string') {
      licence = state.licences.get(body.licenseKey);
      if (!licence) throw new HttpError(403, 'License key not found');
    } else {
      // Without Authorization no user is found: 403, as for any other missing or bad bearer token.
      const userId = faults.active('activate-accepts-forged-token')
        ? Number(JSON.parse(Buffer.from((authorization ?? '').split('.')[1] ?? '', 'base64url').toString() || '{}').sub ?? NaN)
        : await tokens.verifyHeader(authorization);
      const user = state.user(userId);
      if (!user) throw new HttpError(403, 'Invalid bearer token');
      // Stryker disable next-line ConditionalExpression: without a session id there is no session to look up; asking for none finds none either
      const current = sessionId === undefined ? undefined : state.licenceOfSession(sessionId);
      if (current?.userId === user.id) licence = current;
      else {
        // Only the quota faults take a licence beyond the quota.
        licence =
          state.takeUserLicence(user.id) ??
          (faults.active('activate-ignores-quota') || (faults.active('activate-quota-off-by-one') && user.userLicenses > 0 && !overdrawn.has(user.id) && overdrawn.add(user.id) !== undefined)
            ? state.takeUserLicence(user.id, { unlimited: true })
            : undefined);
        if (!licence) throw new HttpError(403, 'No user license available');
        if (faults.active('activate-user-licences-shared')) licence = [...state.licences.values()].find((first) => first.userId === user.id) ?? licence;
        if (faults.active('activate-user-licence-keys-shared')) licence = underTheUsersKey(state, licence);
      }
    }

    if (sessionId !== undefined && licence.active?.id === sessionId && !faults.active('activate-ignores-active-session')) {
      return reply.code(204).headers(sessionHeader(state.refreshSession(licence))).send();
    }
    const previous = licence.active?.timestamp;
    const session = state.startSession(licence);
    if (faults.active('activate-timestamp-goes-back') && previous !== undefined) session.timestamp = previous - 3600;
    return success(reply, 200, { sessionId: { id: session.id, timestamp: session.timestamp }, licenseKey: licence.key });
  });

  app.post('/api/v2/device/license/validate', { config: { operationId: 'post-api-v2-device-license-validate' } }, async (request, reply) => {
    const sessionId = header(request, 'x-session-id');
    // Stryker disable next-line ConditionalExpression,BlockStatement: without the header the pattern test below refuses it with the same 400
    if (sessionId === undefined) {
      if (faults.active('license-validate-missing-session-500')) throw new Error('session id is undefined');
      throw new HttpError(400, 'Missing header X-Session-Id');
    }
    // Stryker disable next-line ConditionalExpression: an id off the pattern is no session: refusing it (400) or answering isValid false are both correct (the session tables accept either)
    if (!SESSION_ID.test(sessionId)) throw new HttpError(400, 'Invalid header X-Session-Id: not a lowercase uuid');
    const licence = state.licenceOfSession(sessionId);
    if (!licence?.active) return success(reply, 200, { isValid: faults.active('license-validate-unknown-valid') });
    return success(reply, 200, { isValid: true }, sessionHeader(licence.active));
  });

  app.post('/api/v2/device/license', { config: { operationId: 'post-api-v2-device-license' } }, async (request, reply) => {
    if (!faults.active('register-ignores-auth')) await requireUser(context, request, 401);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: an absent body then fails the first required field with the same 400, so requiring the body or not is unobservable
    const body = objectBody(request, { optional: false });
    expectType(body.manufacturer, 'object', 'manufacturer', true);
    const manufacturer = body.manufacturer as Record<string, unknown>;
    expectType(manufacturer.name, 'string', 'manufacturer.name', true);
    expectType(manufacturer.id, 'integer', 'manufacturer.id', true);
    expectType(body.model, 'string', 'model', true);
    expectType(body.serial_number, 'string', 'serial_number', true);
    // Stryker disable next-line BooleanLiteral: a missing manufacture_date then fails the date check with 422, which the contract documents for an invalid registration as it does 400
    expectType(body.manufacture_date, 'string', 'manufacture_date', true);
    const serial = body.serial_number as string;
    // Stryker disable next-line ConditionalExpression,StringLiteral: the contract gives serial_number no pattern or length (#/components/schemas/deviceLicense/properties/serial_number): which serials a server refuses is its own
    if (!SERIAL.test(serial)) throw new HttpError(422, 'Invalid serial number format');
    if (!isCalendarDate(body.manufacture_date as string) && !faults.active('register-accepts-bad-date')) {
      throw new HttpError(422, 'Invalid manufacture_date: expected an ISO 8601 date (YYYY-MM-DD)');
    }
    if (state.registrations.has(serial) && !faults.active('register-accepts-duplicate-serial')) {
      throw new HttpError(409, `Serial number ${serial} is already registered`);
    }
    // Stryker disable next-line ObjectLiteral: deviceLicenseResponse requires no property (#/components/schemas/deviceLicenseResponse), so an empty 201 data is conformant
    const registration = {
      // Stryker disable next-line ObjectLiteral: deviceLicenseResponse.manufacturer requires neither name nor id (#/components/schemas/deviceLicenseResponse)
      manufacturer: { name: manufacturer.name, id: manufacturer.id },
      model: body.model,
      serial_number: serial,
      manufacture_date: body.manufacture_date,
      created_at: new Date().toISOString(),
      status: 0,
    };
    // Stryker disable next-line ObjectLiteral: only the key of a registration is read again (the duplicate check); what is stored under it is never served
    state.registrations.set(serial, { serial_number: serial, body: registration });
    return success(reply, 201, registration);
  });
}
