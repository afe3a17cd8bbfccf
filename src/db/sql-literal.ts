import pg from 'pg';

/**
 * A quoted SQL literal (standard_conforming_strings, as PostgreSQL defaults to),
 * for the few statements sent as literal SQL: the request prelude, settings,
 * savepoints and locks travel in the simple query protocol, without parameters.
 */
export function sqlLiteral(value: string | null): string {
  return value === null ? 'NULL' : pg.escapeLiteral(value);
}
