import { z } from 'zod';
import { STAFF_ROLES } from './labels.js';
import { api, type Operation } from './api.js';
import { ErrorBody } from './schemas/common.js';

type JsonSchema = Record<string, unknown>;

/** Named schemas (`.meta({ id })`) are hoisted into components.schemas and referenced. */
const components: Record<string, JsonSchema> = {};

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const json = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  delete json.$schema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  for (const [id, def] of Object.entries(defs)) components[id] ??= def;
  return json;
}

function parameters(op: Operation): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: s });
    }
  }
  for (const [name, h] of Object.entries(op.headers ?? {})) {
    out.push({ name, in: 'header', required: h.required, description: h.description, schema: { type: 'string' } });
  }
  return out;
}

/** The OpenAPI 3.1 description of the patient API, generated from the same schemas that validate it. */
export function buildOpenApi(info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, op] of Object.entries(api) as [string, Operation][]) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const errorRef = {
      description: 'Error',
      content: { 'application/json': { schema: toSchema(ErrorBody, 'output') } },
    };
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: name,
      summary: op.summary,
      tags: [op.tag],
      ...securityOf(op),
      // Which staff roles may call a console operation (any other role is answered 403).
      ...(op.staff ? { 'x-staff-roles': op.staff === 'any' ? [...STAFF_ROLES] : [...op.staff] } : {}),
      parameters: parameters(op),
      ...(op.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body, 'input') } } } }
        : {}),
      responses: {
        [String(op.status ?? 200)]: {
          description: 'OK',
          content: { [op.produces ?? 'application/json']: { schema: toSchema(op.response, 'output') } },
        },
        '4XX': errorRef,
        '5XX': errorRef,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'staff_session',
          description: 'The console’s session (POST /api/v1/console/session); changes also send X-CSRF-Token',
        },
        staffKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A machine key (sk_…) with one staff role',
        },
        hospitalSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Signature',
          description:
            'HMAC-SHA256 with the hospital’s secret over the method, request target, X-Timestamp, X-Nonce and ' +
            'the body’s SHA-256, sent with X-Hospital-Code; HMAC-SM3 and SM3 instead under ' +
            'X-Signature-Method: HMAC-SM3 (see docs/hospital-interface.md)',
        },
      },
    },
    paths,
  };
}

function securityOf(op: Operation): { security?: Record<string, string[]>[] } {
  if (op.auth) return { security: [{ bearerAuth: [] }] };
  if (op.staff) return { security: [{ staffSession: [] }, { staffKey: [] }] };
  if (op.hospital) return { security: [{ hospitalSignature: [] }] };
  return {};
}
