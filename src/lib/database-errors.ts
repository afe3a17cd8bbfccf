// Constraint violations a mutation turns into userErrors; anything else stays a bug.
import { Prisma } from '../generated/prisma/client.js';

function hasCode(error: unknown, code: string) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

/** A unique index refused the row (a taken slug, a second pending invitation, a membership twice). */
export const isUniqueViolation = (error: unknown) => hasCode(error, 'P2002');

/** A foreign key refused the row (e.g. an assignee who is not, or no longer, a member). */
export const isForeignKeyViolation = (error: unknown) => hasCode(error, 'P2003');

/** The row to update or delete was not there (or, for the walls, not this organization's). */
export const isRecordNotFound = (error: unknown) => hasCode(error, 'P2025');
