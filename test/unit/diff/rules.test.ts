import { ERRATA_RULES } from '../../../lib/diff/errata';
import { ALL_RULES } from '../../../lib/diff/rules';
import type { Finding, Severity } from '../../../lib/diff/types';
import { diffOf, type Doc } from '../../support/contracts';

const tokens = (doc: Doc) => doc.paths['/api/v2/tokens'].post;
const activate = (doc: Doc) => doc.paths['/api/v2/device/license/activate'].post;
const validate = (doc: Doc) => doc.paths['/api/v2/device/license/validate'].post;
const manifests = (doc: Doc) => doc.paths['/api/v2/manifests/{app}/{version}'].get;
const register = (doc: Doc) => doc.paths['/api/v2/device/license'].post;
const tokensBody = (doc: Doc) => tokens(doc).requestBody.content['application/json'].schema;
const tokensOk = (doc: Doc) => tokens(doc).responses['200'].content['application/json'].schema;
const schemas = (doc: Doc) => doc.components.schemas;

const TOKENS = '/paths/~1api~1v2~1tokens/post';
const ACTIVATE = '/paths/~1api~1v2~1device~1license~1activate/post';
const MANIFESTS = '/paths/~1api~1v2~1manifests~1{app}~1{version}/get';

interface Expected {
  severity: Severity;
  operation?: string;
  where?: string;
  /** The pointer into BASE's or HEAD's file ($refs followed). */
  base?: string;
  head?: string;
  clients?: string[];
}

interface Case {
  rule: string;
  change: string;
  head: (doc: Doc) => void;
  base?: (doc: Doc) => void;
  expected: Expected;
  /** The compatible twin: the rule reports at most INFO (or, with `silent`, nothing at all). */
  twin: { change: string; head: (doc: Doc) => void; base?: (doc: Doc) => void; silent?: boolean };
}

const CASES: Case[] = [
  {
    rule: 'operation-removed',
    change: 'POST /api/v2/tokens removed',
    head: (doc) => delete doc.paths['/api/v2/tokens'],
    expected: { severity: 'ERROR', operation: 'post-api-v2-tokens', base: TOKENS, head: '/paths', clients: ['daemon'] },
    twin: { change: 'a new operation', head: (doc) => (doc.paths['/api/v2/extra'] = { get: { operationId: 'get-api-v2-extra', responses: { 200: { description: 'ok' } } } }), silent: true },
  },
  {
    rule: 'operation-added',
    change: 'GET /api/v2/extra added',
    head: (doc) => (doc.paths['/api/v2/extra'] = { get: { operationId: 'get-api-v2-extra', responses: { 200: { description: 'ok' } } } }),
    expected: { severity: 'INFO', operation: 'get-api-v2-extra', head: '/paths/~1api~1v2~1extra/get', clients: [] },
    twin: { change: 'a description changed', head: (doc) => (tokens(doc).description = 'changed'), silent: true },
  },
  {
    rule: 'operation-moved',
    change: 'tokens moved to /api/v2/download-tokens',
    head: (doc) => {
      doc.paths['/api/v2/download-tokens'] = doc.paths['/api/v2/tokens'];
      delete doc.paths['/api/v2/tokens'];
    },
    expected: { severity: 'ERROR', operation: 'post-api-v2-tokens', base: TOKENS, head: '/paths/~1api~1v2~1download-tokens/post', clients: ['daemon'] },
    twin: {
      change: 'a path parameter renamed ({app} → {application}: the same URL)',
      head: (doc) => {
        const item = doc.paths['/api/v2/manifests/{app}/{version}'];
        item.get.parameters[1].name = 'application';
        doc.paths['/api/v2/manifests/{application}/{version}'] = item;
        delete doc.paths['/api/v2/manifests/{app}/{version}'];
      },
      silent: true,
    },
  },
  {
    rule: 'operation-id-changed',
    change: 'the tokens operationId renamed',
    head: (doc) => (tokens(doc).operationId = 'create-download-token'),
    expected: { severity: 'INFO', operation: 'create-download-token', base: `${TOKENS}/operationId`, head: `${TOKENS}/operationId`, clients: ['daemon'] },
    twin: { change: 'the unnamed operation gets the id the erratum gives it', head: (doc) => (register(doc).operationId = 'post-api-v2-device-license'), silent: true },
  },
  {
    rule: 'component-added',
    change: 'a schema component added',
    head: (doc) => (schemas(doc).extra = { type: 'string' }),
    expected: { severity: 'INFO', operation: 'components', head: '/components/schemas/extra' },
    twin: { change: 'a component changed, not added', head: (doc) => (schemas(doc).jwt.description = 'x'), silent: true },
  },
  {
    rule: 'component-removed',
    change: 'the unused jwt schema removed',
    head: (doc) => delete schemas(doc).jwt,
    expected: { severity: 'INFO', operation: 'components', base: '/components/schemas/jwt' },
    twin: { change: 'a component added', head: (doc) => (schemas(doc).extra = { type: 'string' }), silent: true },
  },
  {
    rule: 'request-parameter-added',
    change: 'a required query parameter on manifests',
    head: (doc) => manifests(doc).parameters.push({ name: 'arch', in: 'query', required: true, schema: { type: 'string' } }),
    expected: { severity: 'ERROR', operation: 'get-api-v2-manifests-app-version', where: 'request query parameter arch', head: `${MANIFESTS}/parameters/5`, clients: ['daemon'] },
    twin: { change: 'an optional one', head: (doc) => manifests(doc).parameters.push({ name: 'arch', in: 'query', required: false, schema: { type: 'string' } }) },
  },
  {
    rule: 'request-parameter-removed',
    change: 'max_manifest_version removed',
    head: (doc) => manifests(doc).parameters.splice(3, 1),
    expected: { severity: 'WARNING', where: 'request query parameter max_manifest_version', base: `${MANIFESTS}/parameters/3` },
    twin: {
      change: 'the parameter moved to the path item (it still applies)',
      head: (doc) => (doc.paths['/api/v2/manifests/{app}/{version}'].parameters = manifests(doc).parameters.splice(3, 1)),
      silent: true,
    },
  },
  {
    rule: 'request-parameter-required-changed',
    change: 'max_manifest_version became required',
    head: (doc) => (manifests(doc).parameters[3].required = true),
    expected: { severity: 'ERROR', where: 'request query parameter max_manifest_version', base: `${MANIFESTS}/parameters/3`, head: `${MANIFESTS}/parameters/3` },
    twin: { change: 'a required max_manifest_version became optional', base: (doc) => (manifests(doc).parameters[3].required = true), head: (doc) => (manifests(doc).parameters[3].required = false) },
  },
  {
    rule: 'request-parameter-location-changed',
    change: 'manifest_version moved from the query to a header',
    head: (doc) => (manifests(doc).parameters[4].in = 'header'),
    expected: { severity: 'ERROR', where: 'request query parameter manifest_version', base: `${MANIFESTS}/parameters/4`, head: `${MANIFESTS}/parameters/4` },
    twin: { change: 'the parameter moved to the path item, same location', head: (doc) => (doc.paths['/api/v2/manifests/{app}/{version}'].parameters = manifests(doc).parameters.splice(4, 1)), silent: true },
  },
  {
    rule: 'auth-header-requirement-changed',
    change: 'Authorization required on activate',
    head: (doc) => (activate(doc).parameters[0].required = true),
    expected: { severity: 'ERROR', where: 'request header Authorization', base: `${ACTIVATE}/parameters/0`, head: `${ACTIVATE}/parameters/0`, clients: ['daemon'] },
    twin: { change: 'Authorization no longer taken on activate', head: (doc) => activate(doc).parameters.splice(0, 1) },
  },
  {
    rule: 'security-requirement-changed',
    change: 'a bearer scheme required everywhere',
    head: (doc) => {
      doc.components.securitySchemes = { bearer: { type: 'http', scheme: 'bearer' } };
      doc.security = [{ bearer: [] }];
    },
    expected: { severity: 'ERROR', operation: 'post-api-v2-tokens', where: 'security', head: '/security', clients: ['daemon'] },
    twin: {
      change: 'the scheme offered, anonymous calls still accepted',
      head: (doc) => {
        doc.components.securitySchemes = { bearer: { type: 'http', scheme: 'bearer' } };
        doc.security = [{ bearer: [] }, {}];
      },
    },
  },
  {
    rule: 'security-requirement-changed',
    change: 'the scheme of a required security requirement changed (bearer → API key)',
    base: (doc) => {
      doc.components.securitySchemes = { token: { type: 'http', scheme: 'bearer' } };
      tokens(doc).security = [{ token: [] }];
    },
    head: (doc) => (doc.components.securitySchemes.token = { type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
    expected: { severity: 'ERROR', operation: 'post-api-v2-tokens', base: `${TOKENS}/security`, head: `${TOKENS}/security` },
    twin: {
      change: 'the same requirement, now on the whole document',
      base: (doc) => {
        doc.components.securitySchemes = { token: { type: 'http', scheme: 'bearer' } };
        tokens(doc).security = [{ token: [] }];
      },
      head: (doc) => {
        delete tokens(doc).security;
        doc.security = [{ token: [] }, {}];
      },
    },
  },
  {
    rule: 'request-body-added',
    change: 'a required body on license/validate',
    head: (doc) => (validate(doc).requestBody = { required: true, content: { 'application/json': { schema: { type: 'object' } } } }),
    expected: { severity: 'ERROR', operation: 'post-api-v2-device-license-validate', head: '/paths/~1api~1v2~1device~1license~1validate/post/requestBody', clients: ['daemon'] },
    twin: { change: 'an optional body', head: (doc) => (validate(doc).requestBody = { content: { 'application/json': { schema: { type: 'object' } } } }) },
  },
  {
    rule: 'request-body-removed',
    change: 'the tokens body removed',
    head: (doc) => delete tokens(doc).requestBody,
    expected: { severity: 'WARNING', base: `${TOKENS}/requestBody`, head: TOKENS },
    twin: { change: 'the body described differently', head: (doc) => (tokens(doc).requestBody.description = 'app and version'), silent: true },
  },
  {
    rule: 'request-body-required-changed',
    change: 'the tokens body became required',
    head: (doc) => (tokens(doc).requestBody.required = true),
    expected: { severity: 'ERROR', base: `${TOKENS}/requestBody`, head: `${TOKENS}/requestBody`, clients: ['daemon'] },
    twin: { change: 'the register body became optional', head: (doc) => (register(doc).requestBody.required = false) },
  },
  {
    rule: 'request-content-type-changed',
    change: 'activate takes form data instead of JSON',
    head: (doc) => {
      const body = activate(doc).requestBody;
      body.content = { 'application/x-www-form-urlencoded': body.content['application/json'] };
    },
    expected: { severity: 'ERROR', where: 'request body application/json', base: `${ACTIVATE}/requestBody/content/application~1json`, head: `${ACTIVATE}/requestBody` },
    twin: { change: 'activate takes form data as well', head: (doc) => (activate(doc).requestBody.content['application/x-www-form-urlencoded'] = { schema: { type: 'object' } }) },
  },
  {
    rule: 'response-status-removed',
    change: 'the tokens 204 renamed 202',
    head: (doc) => {
      tokens(doc).responses['202'] = tokens(doc).responses['204'];
      delete tokens(doc).responses['204'];
    },
    expected: { severity: 'ERROR', where: 'response 204', base: `${TOKENS}/responses/204`, head: `${TOKENS}/responses`, clients: ['daemon'] },
    twin: { change: 'a status reordered', head: (doc) => {
      const { 500: last, ...rest } = tokens(doc).responses;
      tokens(doc).responses = { 500: last, ...rest };
    }, silent: true },
  },
  {
    rule: 'response-status-removed',
    change: 'the tokens 500 removed (an error status: may break a client)',
    head: (doc) => delete tokens(doc).responses['500'],
    expected: { severity: 'WARNING', where: 'response 500', base: `${TOKENS}/responses/500` },
    twin: { change: 'a status added', head: (doc) => (tokens(doc).responses['404'] = { description: 'no such app' }), silent: true },
  },
  {
    rule: 'response-status-added',
    change: 'a new 2xx on tokens',
    head: (doc) => (tokens(doc).responses['202'] = { description: 'accepted' }),
    expected: { severity: 'WARNING', where: 'response 202', head: `${TOKENS}/responses/202` },
    twin: { change: 'a new 4xx', head: (doc) => (tokens(doc).responses['404'] = { description: 'no such app' }) },
  },
  {
    rule: 'response-content-type-changed',
    change: 'the tokens 200 sent as application/problem+json',
    head: (doc) => {
      const response = tokens(doc).responses['200'];
      response.content = { 'application/problem+json': response.content['application/json'] };
    },
    expected: { severity: 'ERROR', where: 'response 200 application/json', base: `${TOKENS}/responses/200/content/application~1json`, head: `${TOKENS}/responses/200` },
    twin: { change: 'the media type written in capitals (the same type)', head: (doc) => {
      const response = tokens(doc).responses['200'];
      response.content = { 'Application/JSON': response.content['application/json'] };
    }, silent: true },
  },
  {
    rule: 'response-content-type-changed',
    change: 'a body on the activate 204 (real clients expect it empty)',
    head: (doc) => (activate(doc).responses['204'].content = { 'application/json': { schema: { type: 'object' } } }),
    expected: { severity: 'WARNING', where: 'response 204 application/json', head: `${ACTIVATE}/responses/204/content/application~1json` },
    twin: { change: 'the 204 described differently', head: (doc) => (activate(doc).responses['204'].description = 'already active'), silent: true },
  },
  {
    rule: 'response-header-removed',
    change: 'X-Session-Id dropped from the activate 204',
    head: (doc) => delete activate(doc).responses['204'].headers,
    expected: { severity: 'ERROR', where: 'response 204 header X-Session-Id', base: `${ACTIVATE}/responses/204/headers/X-Session-Id`, head: `${ACTIVATE}/responses/204`, clients: ['daemon'] },
    twin: { change: 'the header name written in lower case (the same header)', head: (doc) => {
      const headers = activate(doc).responses['204'].headers;
      activate(doc).responses['204'].headers = { 'x-session-id': headers['X-Session-Id'] };
    }, silent: true },
  },
  {
    rule: 'response-header-removed',
    change: 'the optional X-Session-Id dropped from the validate 200',
    head: (doc) => delete validate(doc).responses['200'].headers,
    expected: { severity: 'WARNING', where: 'response 200 header X-Session-Id' },
    twin: { change: 'a header added', head: (doc) => (validate(doc).responses['200'].headers['X-Extra'] = { schema: { type: 'string' } }), silent: true },
  },
  {
    rule: 'response-header-required-changed',
    change: 'X-Session-Id optional on the tokens 200',
    head: (doc) => (tokens(doc).responses['200'].headers['X-Session-Id'].required = false),
    expected: { severity: 'ERROR', where: 'response 200 header X-Session-Id', base: `${TOKENS}/responses/200/headers/X-Session-Id`, head: `${TOKENS}/responses/200/headers/X-Session-Id` },
    twin: { change: 'X-Session-Id required on the validate 200', head: (doc) => (validate(doc).responses['200'].headers['X-Session-Id'].required = true) },
  },
  {
    rule: 'response-header-added',
    change: 'a header added to the tokens 200',
    head: (doc) => (tokens(doc).responses['200'].headers['X-Extra'] = { schema: { type: 'string' } }),
    expected: { severity: 'INFO', where: 'response 200 header X-Extra', head: `${TOKENS}/responses/200/headers/X-Extra` },
    twin: { change: 'a header removed', head: (doc) => delete tokens(doc).responses['500'].headers, silent: true },
  },
  {
    rule: 'type-changed',
    change: 'the session timestamp became a string (responses and the X-Session-Id header)',
    head: (doc) => (schemas(doc).sessionId.properties.timestamp.type = 'string'),
    expected: { severity: 'ERROR', operation: 'post-api-v2-device-license-activate', where: 'response 200 application/json data.sessionId.timestamp', base: '/components/schemas/sessionId/properties/timestamp/type', head: '/components/schemas/sessionId/properties/timestamp/type', clients: ['daemon'] },
    twin: { change: 'a request integer widened to number', head: (doc) => (schemas(doc).reviewRequest.properties.data.properties.product_id.type = 'number') },
  },
  {
    rule: 'type-changed',
    change: 'a request number narrowed to integer',
    head: (doc) => (schemas(doc).reviewRequest.properties.data.properties.rating.type = 'integer'),
    expected: { severity: 'ERROR', where: 'request body application/json data.rating', base: '/components/schemas/reviewRequest/properties/data/properties/rating/type' },
    twin: { change: 'a response number narrowed to integer', head: (doc) => (schemas(doc).reviewResponse.properties.review.properties.rating.type = 'integer') },
  },
  {
    rule: 'type-changed',
    change: 'the X-Session-Id response header schema became a string',
    head: (doc) => (activate(doc).responses['204'].headers['X-Session-Id'].schema = { type: 'string' }),
    expected: { severity: 'ERROR', where: 'response 204 header X-Session-Id', base: '/components/schemas/sessionId/type', head: `${ACTIVATE}/responses/204/headers/X-Session-Id/schema/type` },
    twin: { change: 'the header described differently', head: (doc) => (activate(doc).responses['204'].headers['X-Session-Id'].description = 'the session'), silent: true },
  },
  {
    rule: 'nullable-changed',
    change: 'the licence key may be null in the activate 200',
    head: (doc) => (schemas(doc).activationData.properties.licenseKey.nullable = true),
    expected: { severity: 'ERROR', where: 'response 200 application/json data.licenseKey', base: '/components/schemas/activationData/properties/licenseKey/nullable', clients: ['daemon'] },
    twin: { change: 'a request field may be null', head: (doc) => (tokensBody(doc).properties.app.nullable = true) },
  },
  {
    rule: 'format-changed',
    change: 'created_at date-time → date in the register 201',
    head: (doc) => (schemas(doc).deviceLicenseResponse.properties.created_at.format = 'date'),
    expected: { severity: 'ERROR', operation: 'post-api-v2-device-license', base: '/components/schemas/deviceLicenseResponse/properties/created_at/format', clients: [] },
    twin: { change: 'a response int64 narrowed to int32', head: (doc) => (schemas(doc).sessionId.properties.timestamp.format = 'int32') },
  },
  {
    rule: 'format-changed',
    change: 'a format added to a request field',
    head: (doc) => (tokensBody(doc).properties.version.format = 'date'),
    expected: { severity: 'WARNING', where: 'request body application/json version', head: `${TOKENS}/requestBody/content/application~1json/schema/properties/version/format` },
    twin: { change: 'a format added to a response field', head: (doc) => (schemas(doc).activationData.properties.licenseKey.format = 'uuid') },
  },
  {
    rule: 'enum-changed',
    change: 'an enum limits the tokens app',
    head: (doc) => (tokensBody(doc).properties.app.enum = ['tech.flecs.mqtt-bridge']),
    expected: { severity: 'ERROR', where: 'request body application/json app', head: `${TOKENS}/requestBody/content/application~1json/schema/properties/app/enum`, clients: ['daemon'] },
    twin: { change: 'an enum on a response field', head: (doc) => (schemas(doc).activationData.properties.licenseKey.enum = ['a']) },
  },
  {
    rule: 'enum-changed',
    change: 'a response enum widened',
    base: (doc) => (schemas(doc).deviceLicenseResponse.properties.status.enum = [0, 1]),
    head: (doc) => (schemas(doc).deviceLicenseResponse.properties.status.enum = [0, 1, 2]),
    expected: { severity: 'WARNING', where: 'response 201 application/json data.status', base: '/components/schemas/deviceLicenseResponse/properties/status/enum' },
    twin: { change: 'the response enum narrowed', base: (doc) => (schemas(doc).deviceLicenseResponse.properties.status.enum = [0, 1]), head: (doc) => (schemas(doc).deviceLicenseResponse.properties.status.enum = [0]) },
  },
  {
    rule: 'pattern-changed',
    change: 'a pattern added to the tokens version',
    head: (doc) => (tokensBody(doc).properties.version.pattern = '^\\d+\\.\\d+\\.\\d+$'),
    expected: { severity: 'ERROR', where: 'request body application/json version', head: `${TOKENS}/requestBody/content/application~1json/schema/properties/version/pattern` },
    twin: { change: 'a pattern added to a response field', head: (doc) => (schemas(doc).activationData.properties.licenseKey.pattern = '^[A-Z0-9-]+$') },
  },
  {
    rule: 'pattern-changed',
    change: 'the session id pattern changed (request header and response)',
    head: (doc) => (schemas(doc).id.pattern = '^[0-9a-f]{32}$'),
    expected: { severity: 'WARNING', operation: 'post-api-v2-tokens', where: 'request header parameter X-Session-Id', base: '/components/schemas/id/pattern' },
    twin: { change: 'the request pattern dropped from the auth header only', head: (doc) => delete schemas(doc).auth.pattern },
  },
  {
    rule: 'bounds-changed',
    change: 'a maxLength on the tokens app',
    head: (doc) => (tokensBody(doc).properties.app.maxLength = 10),
    expected: { severity: 'ERROR', where: 'request body application/json app', head: `${TOKENS}/requestBody/content/application~1json/schema/properties/app/maxLength` },
    twin: { change: 'a maxLength on a response field', head: (doc) => (schemas(doc).activationData.properties.licenseKey.maxLength = 10) },
  },
  {
    rule: 'bounds-changed',
    change: 'the timestamp minimum 0 dropped from responses',
    head: (doc) => delete schemas(doc).sessionId.properties.timestamp.minimum,
    expected: { severity: 'WARNING', where: 'response 200 application/json data.sessionId.timestamp', base: '/components/schemas/sessionId/properties/timestamp/minimum' },
    twin: { change: 'the minimum raised in responses', head: (doc) => (schemas(doc).sessionId.properties.timestamp.minimum = 1) },
  },
  {
    rule: 'property-removed',
    change: 'the download password removed from the tokens 200',
    head: (doc) => {
      const token = tokensOk(doc).properties.data.properties.token;
      delete token.properties.password;
      token.required = ['username'];
    },
    expected: { severity: 'ERROR', where: 'response 200 application/json data.token.password', base: `${TOKENS}/responses/200/content/application~1json/schema/properties/data/properties/token/properties/password`, head: `${TOKENS}/responses/200/content/application~1json/schema/properties/data/properties/token/properties`, clients: ['daemon'] },
    twin: { change: 'the properties listed in another order', head: (doc) => {
      const token = tokensOk(doc).properties.data.properties.token;
      token.properties = { password: token.properties.password, username: token.properties.username };
    }, silent: true },
  },
  {
    rule: 'property-removed',
    change: 'the optional statusText removed from the tokens 200',
    head: (doc) => delete tokensOk(doc).properties.statusText,
    expected: { severity: 'WARNING', where: 'response 200 application/json statusText' },
    twin: { change: 'a writeOnly response property removed (never sent in responses)', base: (doc) => (tokensOk(doc).properties.statusText.writeOnly = true), head: (doc) => delete tokensOk(doc).properties.statusText, silent: true },
  },
  {
    rule: 'property-added',
    change: 'a required property in the tokens body',
    head: (doc) => {
      tokensBody(doc).properties.arch = { type: 'string' };
      tokensBody(doc).required.push('arch');
    },
    expected: { severity: 'ERROR', where: 'request body application/json arch', head: `${TOKENS}/requestBody/content/application~1json/schema/properties/arch`, clients: ['daemon'] },
    twin: { change: 'an optional one', head: (doc) => (tokensBody(doc).properties.arch = { type: 'string' }) },
  },
  {
    rule: 'property-required-changed',
    change: 'the licence key no longer required in the activate 200',
    head: (doc) => (schemas(doc).activationData.required = ['sessionId']),
    expected: { severity: 'ERROR', where: 'response 200 application/json data.licenseKey', base: '/components/schemas/activationData/required', head: '/components/schemas/activationData/required', clients: ['daemon'] },
    twin: { change: 'a response property became required', head: (doc) => (tokensOk(doc).required.push('statusText')) },
  },
  {
    rule: 'property-required-changed',
    change: 'the activate licenseKey became required in the request',
    head: (doc) => (activate(doc).requestBody.content['application/json'].schema.required = ['licenseKey']),
    expected: { severity: 'ERROR', where: 'request body application/json licenseKey', head: `${ACTIVATE}/requestBody/content/application~1json/schema/required` },
    twin: { change: 'a request property no longer required', head: (doc) => (tokensBody(doc).required = ['app']) },
  },
  {
    rule: 'composition-changed',
    change: 'the error body became an allOf',
    head: (doc) => (schemas(doc).errorDescription = { allOf: [schemas(doc).errorDescription, { type: 'object', properties: { code: { type: 'string' } } }] }),
    expected: { severity: 'WARNING', operation: 'post-api-v2-tokens', where: 'response 403 application/json', base: '/components/schemas/errorDescription/allOf' },
    twin: {
      change: 'an allOf with the same branches, one property added',
      base: (doc) => (schemas(doc).errorDescription = { allOf: [schemas(doc).errorDescription] }),
      head: (doc) => (schemas(doc).errorDescription.allOf[0].properties.code = { type: 'string' }),
      silent: true,
    },
  },
];

const matching = (findings: Finding[], rule: string) => findings.filter((finding) => finding.rule === rule);

describe.each(CASES)('$rule', ({ rule, change, head, base, expected, twin }) => {
  test(`${change}: ${expected.severity}`, async () => {
    const found = matching((await diffOf(head, base)).findings, rule);
    expect(found).toContainEqual(
      expect.objectContaining({
        severity: expected.severity,
        ...(expected.operation && { operation: expected.operation }),
        ...(expected.where && { where: expected.where }),
        ...(expected.base && { base: expect.objectContaining({ pointer: expected.base }) }),
        ...(expected.head && { head: expect.objectContaining({ pointer: expected.head }) }),
        ...(expected.clients && { clients: expected.clients }),
      }),
    );
  });

  test(`its compatible twin (${twin.change}) is ${twin.silent ? 'not reported' : 'at most INFO'}`, async () => {
    const found = matching((await diffOf(twin.head, twin.base)).findings, rule);
    if (twin.silent) expect(found).toEqual([]);
    else {
      expect(found.length).toBeGreaterThan(0);
      expect(found.map((finding) => finding.severity)).toEqual(found.map(() => 'INFO'));
    }
  });
});

test('allOf branches are compared one by one where both sides have the same number', async () => {
  const result = await diffOf(
    (doc) => (schemas(doc).errorDescription.allOf[0].properties.reason.type = 'integer'),
    (doc) => (schemas(doc).errorDescription = { allOf: [schemas(doc).errorDescription] }),
  );
  expect(matching(result.findings, 'type-changed')).toContainEqual(
    expect.objectContaining({ severity: 'ERROR', where: 'response 403 application/json (allOf[0]).reason', base: expect.objectContaining({ pointer: '/components/schemas/errorDescription/allOf/0/properties/reason/type' }) }),
  );
});

test('every rule has a self-test here or in errata.test.ts', () => {
  const tested = new Set([...CASES.map((c) => c.rule), ...ERRATA_RULES.map((rule) => rule.name)]);
  expect(ALL_RULES.map((rule) => rule.name).filter((name) => !tested.has(name))).toEqual([]);
});
