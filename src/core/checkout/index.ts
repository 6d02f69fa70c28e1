export { createEngine } from './engine';
export type { Engine, EngineDeps, EngineLimits, EngineStore, CrashPoint } from './engine-types';
export { CRASH_POINTS } from './engine-types';
export type { PollPolicy } from './poll-policy';
