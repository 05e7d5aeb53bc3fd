import { pino } from 'pino';

/** Structured JSON logs; the narrow interface is what the rest of the code depends on. */
export type Logger = Pick<pino.Logger, 'info' | 'warn' | 'error' | 'debug'>;

export const createLogger = (level: string): Logger => pino({ level, base: { service: 'foerderlotse-nrw' } });
