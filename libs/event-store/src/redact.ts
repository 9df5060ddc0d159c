const USER_INFO = /([a-z][a-z0-9+.-]*:\/\/)[^\s"'<>]*@/gi;
const SECRET_PARAM = /([?&](?:password|pass|pwd|secret|token|apikey|api_key)=)[^&#\s"'<>]*/gi;

/**
 * A connection string, or any text holding some, fit for an answer or a log line: every
 * `scheme://user:pw@` becomes `scheme://***@` and a password given as a query parameter becomes
 * `***`, so `kurrentdb://admin:s3cret@host:2113?tls=false` reads `kurrentdb://***@host:2113?tls=false`.
 * Hosts, ports and options stay, so the line still says where the service tried to connect. It errs
 * on the side of hiding: everything between `://` and the last `@` before the next blank goes,
 * whatever the password holds (an unencoded `@`, `/` or `?`); multi-host strings
 * (`mongodb://u:p@h1,h2/db`) lose their user info the same way.
 */
export const redact = (text: string): string =>
  text.replace(USER_INFO, '$1***@').replace(SECRET_PARAM, '$1***');
