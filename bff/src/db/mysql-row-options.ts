/**
 * How every connection to MariaDB reads and writes values: instants in UTC, utf8mb4, BIGINTs as
 * numbers. The ORM's pool, the booking batches' pool and the standby's read pool all use it, so a
 * row reads the same whichever of them fetched it.
 */
export const MYSQL_ROW_OPTIONS = {
  timezone: 'Z',
  charset: 'utf8mb4_unicode_ci',
  supportBigNumbers: true,
  bigNumberStrings: false,
} as const;
