// Relay global ids: one place encodes and decodes them, and a malformed id is
// the caller's mistake (BAD_USER_INPUT), never a server error.
import { decodeGlobalID as decodeRelayId, encodeGlobalID } from '@pothos/plugin-relay';
import { apiError } from '../errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { encodeGlobalID };

/** A uuid no row has: the filter for "visible to nobody". */
export const NO_ROW_ID = '00000000-0000-0000-0000-000000000000';

export function decodeGlobalID(globalId: string): { typename: string; id: string } {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeRelayId(globalId);
  } catch {
    throw apiError('BAD_USER_INPUT', `Invalid id: ${JSON.stringify(globalId.slice(0, 100))}`);
  }
  if (!decoded.typename || !UUID.test(decoded.id)) {
    throw apiError('BAD_USER_INPUT', `Invalid id: ${JSON.stringify(globalId.slice(0, 100))}`);
  }
  return decoded;
}

/** The database id inside a global id of the expected type. */
export function idOfType(globalId: string, typename: string): string {
  const decoded = decodeGlobalID(globalId);
  if (decoded.typename !== typename) throw apiError('BAD_USER_INPUT', `Expected a ${typename} id`);
  return decoded.id;
}
