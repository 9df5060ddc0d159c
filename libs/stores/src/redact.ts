const SCHEME = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is;
const SECRET_PARAM = /([?&](?:password|pass|pwd|secret|token|apikey|api_key)=)[^&#]*/gi;

/**
 * A connection string fit for a log line: the user info (`user:password@`) becomes `***@`, and a
 * password given as a query parameter becomes `***`. Hosts, ports, path and other options stay, so
 * the line still says where the service tried to connect. Works for multi-host strings
 * (`mongodb://u:p@h1,h2/db?replicaSet=rs`), which the WHATWG URL parser rejects, and for a
 * password with an unescaped `@` (the last `@` before the path ends the user info).
 */
export function redact(connectionString: string): string {
  const match = SCHEME.exec(connectionString);
  const scheme = match ? match[1] : '';
  const rest = match ? match[2] : connectionString;
  const queryAt = rest.search(/[?#]/);
  const beforeQuery = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rest.slice(queryAt);
  const userInfoEnd = beforeQuery.lastIndexOf('@');
  const addressAndPath =
    userInfoEnd < 0 ? beforeQuery : `***@${beforeQuery.slice(userInfoEnd + 1)}`;
  return scheme + addressAndPath + query.replace(SECRET_PARAM, '$1***');
}

/** Free text (an error message, say) with every `scheme://…` connection string in it redacted. */
export function redactConnectionStringsIn(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (found) => redact(found));
}
