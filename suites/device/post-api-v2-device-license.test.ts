import { erratumBasis } from '../../lib/checks/basis';
import { defineSuite } from '../../lib/scenario/define';
import type { ScenarioContext } from '../../lib/scenario/context';
import { authTable, invalidBodyTable, malformedBodyTable, undocumentedMethodScenario } from '../../lib/scenario/tables';

const operationId = 'post-api-v2-device-license';
const path = '/api/v2/device/license';
/** 400 "Invalid payload" and 422 "Validation errors" are both documented for bad input. */
const BAD_INPUT = [400, 422];

/** A valid registration with a serial unique to this run (two runs never collide). */
const registration = (t: ScenarioContext) => ({
  manufacturer: { name: 'Conformance Devices GmbH', id: 791 },
  model: 'IPC-conformance',
  serial_number: t.unique('SN'),
  manufacture_date: '2025-01-01',
});

const bearer = async (t: ScenarioContext) => ({ Authorization: `Bearer ${(await t.login()).token}` });

const without = (body: Record<string, unknown>, field: string): Record<string, unknown> => {
  const copy = structuredClone(body);
  const [outer, inner] = field.split('.');
  if (inner) delete (copy[outer] as Record<string, unknown>)[inner];
  else delete copy[outer];
  return copy;
};

const REQUIRED = ['manufacturer', 'manufacturer.name', 'manufacturer.id', 'model', 'serial_number', 'manufacture_date'];
const WRONG_TYPES: Array<[string, (body: Record<string, any>) => void]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any -- mutators of a test body
  ['manufacturer.id as a string', (body) => (body.manufacturer.id = '791')],
  ['manufacturer as a string', (body) => (body.manufacturer = 'Example Manufacturer')],
  // OpenAPI 3.0: null is no object unless the schema says nullable.
  ['manufacturer as null', (body) => (body.manufacturer = null)],
  ['serial_number as a number', (body) => (body.serial_number = 123456789)],
  ['manufacture_date not a date', (body) => (body.manufacture_date = 'first of January')],
  ['manufacture_date an impossible date', (body) => (body.manufacture_date = '2025-02-30')],
  // format date is RFC 3339 full-date, exactly YYYY-MM-DD: neither a date-time nor an ISO 8601 expanded year.
  ['manufacture_date a date-time', (body) => (body.manufacture_date = '2025-01-01T00:00:00Z')],
  ['manufacture_date a date-time with milliseconds', (body) => (body.manufacture_date = '2025-01-01T00:00:00.000Z')],
  ['manufacture_date with a five-digit year', (body) => (body.manufacture_date = '12025-01-01')],
];

/** One scenario per way a registration body can be invalid; 400 and 422 are both documented for it. */
const invalidRegistrations = (status: 400 | 422, variants: Array<[string, (body: Record<string, any>) => Record<string, unknown>]>) => // eslint-disable-line @typescript-eslint/no-explicit-any -- mutators of a test body
  invalidBodyTable({
    operationId,
    method: 'POST',
    path,
    headers: bearer,
    needs: ['writes'],
    documentedStatuses: BAD_INPUT,
    status,
    names: variants.map(([name]) => name),
    cases: (t) => variants.map(([name, change]) => ({ name, body: change(registration(t)) })),
  });

export default defineSuite(operationId, [
  {
    operationId,
    status: 201,
    title: 'a valid device licence is registered',
    requirement: '201 {data: deviceLicenseResponse, statusCode, statusText}, the data echoing the registration.',
    needs: ['writes'],
    async run(t) {
      const body = registration(t);
      const exchange = await t.send({ method: 'POST', path, headers: await bearer(t), json: body });
      if (t.expectAccepted(exchange, [201])) {
        const serial = t.json(exchange)?.data?.serial_number;
        t.expect('positive_data_acceptance', serial === undefined || serial === body.serial_number, `data.serial_number ${body.serial_number}`, JSON.stringify(serial), exchange);
      }
    },
  },
  {
    operationId,
    status: 'undocumented',
    title: 'a serial number registered twice is refused the second time',
    requirement: 'serial_number "must be globally unique across all devices": the second registration is a 4xx (erratum duplicate-serial-status).',
    basis: [erratumBasis('duplicate-serial-status')],
    needs: ['writes'],
    async run(t) {
      const headers = await bearer(t);
      const body = registration(t);
      const first = await t.send({ method: 'POST', path, headers, json: body });
      if (!t.expectAccepted(first, [201])) return;
      const second = await t.send({ method: 'POST', path, headers, json: { ...body, model: 'IPC-other' } });
      t.expectRejected(second, 'duplicate_rejection');
    },
  },
  ...authTable({
    operationId,
    documentedStatus: 401,
    needs: ['writes'],
    request: async (t, authorization) => ({ method: 'POST', path, headers: { Authorization: authorization }, json: registration(t) }),
  }),
  {
    operationId,
    status: 400,
    title: 'a request without a body is refused',
    requirement: 'requestBody.required: true; 400 "Bad request - Invalid payload".',
    needs: ['writes'],
    async run(t) {
      const exchange = await t.send({ method: 'POST', path, headers: await bearer(t) });
      if (t.expectRejected(exchange)) t.expectStatus(exchange, BAD_INPUT);
    },
  },
  ...malformedBodyTable({ operationId, method: 'POST', path, headers: bearer, needs: ['writes'], documentedStatuses: [...BAD_INPUT, 413], status: 400 }),
  ...invalidRegistrations(400, REQUIRED.map((field) => [`a body without ${field}`, (body) => without(body, field)])),
  ...invalidRegistrations(422, WRONG_TYPES.map(([name, mutate]) => [`a body with ${name}`, (body) => (mutate(body), body)])),
  undocumentedMethodScenario(operationId, path),
]);
