/**
 * A connection string, or any text holding some, without user info: every `scheme://user:pw@`
 * becomes `scheme://***@`, so `kurrentdb://admin:s3cret@host:2113?tls=false` reads
 * `kurrentdb://***@host:2113?tls=false`. It errs on the side of hiding: everything between `://`
 * and the last `@` before the next blank goes, whatever the password holds (an unencoded `@`, `/`
 * or `?`). Multi-host strings (`mongodb://u:p@h1,h2/db`) lose their user info the same way.
 */
export const redact = (text: string): string =>
  text.replace(/([a-z][a-z0-9+.-]*:\/\/)\S*@/gi, '$1***@');
