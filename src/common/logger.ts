// The one Logger interface. core/logger.ts implements it (every line redacted before it reaches a sink);
// main, the host and the simulator take a Logger (or the part of it they use) rather than declaring
// their own. Types only: common imports nothing and does no I/O.

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
