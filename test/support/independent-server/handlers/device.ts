import { bearerUser, type Call, header, isObject, jsonBody, objectBody, sessionHeader, sessionHeaderValue, success } from '../call';
import type { Activation } from '../state';
import { HttpError, type Reply } from '../wire';

/** The licence key of the activate body: null, empty, absent or {} all mean "none" (daemons send null). */
function licenceKeyOf(call: Call): string | undefined {
  const body = jsonBody(call);
  if (body.kind === 'malformed') throw new HttpError(400, 'Request body is not valid JSON');
  if (body.kind === 'absent' || body.value === null) return undefined;
  if (!isObject(body.value)) throw new HttpError(400, 'Request body must be a JSON object');
  const { licenseKey } = body.value;
  if (licenseKey === undefined || licenseKey === null || licenseKey === '') return undefined;
  if (typeof licenseKey !== 'string') throw new HttpError(400, 'licenseKey must be a string');
  return licenseKey;
}

function activationReply(call: Call, activation: Activation): Reply {
  if (activation.kind === 'already-active') return { status: 204, headers: { 'X-Session-Id': sessionHeaderValue(activation.session) } };
  const sessionId = { id: activation.session.id, timestamp: activation.session.timestamp };
  return { status: 200, body: success(call, 200, { sessionId, licenseKey: activation.licenceKey }) };
}

/**
 * POST /api/v2/device/license/activate. A licence key activates that key (a key already active answers
 * 204 with its session); without one, a bearer token takes a licence from the user's quota (403 when
 * none is left); a device that presents a live session is already active (204).
 */
export async function activate(call: Call): Promise<Reply> {
  const presented = sessionHeader(call);
  if (presented.kind === 'malformed') throw new HttpError(400, 'Malformed Header: X-Session-Id');
  const licenceKey = licenceKeyOf(call);
  if (licenceKey !== undefined) {
    const activation = call.state.activateKey(licenceKey);
    if (!activation) throw new HttpError(403, 'Invalid license key');
    return activationReply(call, activation);
  }
  const authorization = header(call, 'Authorization');
  const live = presented.kind === 'id' ? call.state.session(presented.id) : undefined;
  if (authorization === undefined) {
    if (live) return activationReply(call, call.state.reconfirm(live));
    throw new HttpError(403, 'Missing Header: Authorization');
  }
  const user = await bearerUser(call, authorization);
  if (live) return activationReply(call, call.state.reconfirm(live));
  const activation = call.state.activateUserLicence(user);
  if (!activation) throw new HttpError(403, 'No user license available');
  return activationReply(call, activation);
}

/** POST /api/v2/device/license/validate: a session the server does not know is simply not valid. */
export async function validateLicence(call: Call): Promise<Reply> {
  const presented = sessionHeader(call);
  if (presented.kind === 'absent') throw new HttpError(400, 'Missing Header: X-Session-Id');
  if (presented.kind === 'malformed') throw new HttpError(400, 'Malformed Header: X-Session-Id');
  const session = call.state.session(presented.id);
  if (!session) return { status: 200, body: success(call, 200, { isValid: false }) };
  return { status: 200, body: success(call, 200, { isValid: true }), headers: { 'X-Session-Id': sessionHeaderValue(session) } };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SERIAL = /^[A-Za-z0-9][A-Za-z0-9._\-/]{2,63}$/;

/** RFC 3339 full-date that names a real calendar day. */
function isCalendarDate(text: string): boolean {
  const parts = DATE.exec(text);
  if (!parts) return false;
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return date.toISOString().startsWith(text);
}

interface Registration {
  manufacturer: { name: string; id: number };
  model: string;
  serial_number: string;
  manufacture_date: string;
}

/** Shape errors (missing fields, wrong types) are 400 "Invalid payload"; well-typed but unacceptable values are 422. */
function registrationOf(call: Call): Registration {
  const body = objectBody(call, 'manufacturer, model, serial_number and manufacture_date');
  const { manufacturer, model, serial_number, manufacture_date } = body;
  if (!isObject(manufacturer)) throw new HttpError(400, "Invalid payload: missing required field 'manufacturer'");
  if (typeof manufacturer.name !== 'string') throw new HttpError(400, "Invalid payload: 'manufacturer.name' must be a string");
  if (typeof manufacturer.id !== 'number' || !Number.isInteger(manufacturer.id)) throw new HttpError(400, "Invalid payload: 'manufacturer.id' must be an integer");
  for (const [name, value] of Object.entries({ model, serial_number, manufacture_date })) {
    if (typeof value !== 'string') throw new HttpError(400, `Invalid payload: missing required field '${name}'`);
  }
  const registration = { manufacturer: { name: manufacturer.name, id: manufacturer.id }, model, serial_number, manufacture_date } as Registration;
  if (registration.manufacturer.name.trim() === '' || registration.model.trim() === '') throw new HttpError(422, 'Manufacturer name and model must not be empty');
  if (!SERIAL.test(registration.serial_number)) throw new HttpError(422, 'Invalid serial number format');
  if (!isCalendarDate(registration.manufacture_date)) throw new HttpError(422, 'manufacture_date must be an ISO 8601 date (YYYY-MM-DD)');
  return registration;
}

/** POST /api/v2/device/license. The serial number "must be globally unique across all devices": a second one is a conflict. */
export async function registerDevice(call: Call): Promise<Reply> {
  await bearerUser(call);
  const registration = registrationOf(call);
  const id = call.state.registerSerial(registration.serial_number);
  if (id === undefined) throw new HttpError(409, 'A device with this serial number is registered already');
  const data = { id, ...registration, created_at: new Date().toISOString(), status: 0 };
  return { status: 201, body: success(call, 201, data) };
}
