// The local DashScope stand-in: see README.md beside this file for the scenario knobs.
export { startStandin, API_PREFIX, DEFAULT_KEY, type Standin, type RecordedRequest } from './server';
export { DEFAULT_SCENARIO, DEFAULT_TEXT, type StandinScenario, type StandinRule, type HttpErrorSpec } from './scenario';
export { toneSequence, speech, SAMPLE_RATE } from './audio';
export { REALTIME_PATH, type RealtimeStandin } from './realtime-server';
export { DEFAULT_REALTIME_SCENARIO, DEFAULT_REPLY, type RealtimeScenario, type RealtimeErrorSpec } from './realtime-scenario';
export type { RecordedRealtimeSession } from './realtime-session';
