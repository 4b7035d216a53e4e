import { api, type Operation } from '@cityhealth/shared-types';

const NAMES = new Map<Operation, string>(Object.entries(api).map(([name, op]) => [op as Operation, name]));

/** An operation's id in the shared contract (its key in `api`, the OpenAPI operationId). */
export function operationNameOf(op: Operation): string {
  const name = NAMES.get(op);
  if (!name) throw new Error(`${op.method.toUpperCase()} ${op.path} is not an operation of the contract`);
  return name;
}
