// A leveled logger on stderr (stdout carries the start banner and command output only).
import type { LogLevel } from './options.js'

export interface Logger {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export function createLogger(level: LogLevel): Logger {
  const at = (threshold: LogLevel) => (message: string) => {
    if (order[threshold] >= order[level]) process.stderr.write(`ghl-mock ${threshold}: ${message}\n`)
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}
