/** The one redaction of connection strings; it lives with the lowest layer that needs it. */
export { redact } from '@fresh/event-store';
