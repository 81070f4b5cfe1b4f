// Custom endpoints and the DashScope regions as request targets, and "Test connection".
export { createEndpointRepo } from './repo';
export type { EndpointRepo, EndpointRow } from './repo';
export { createTargets, checkServed, DEFAULT_BASE_URLS, isDashScopeRegion, otherRegion } from './targets';
export type { BaseUrls, DashScopeRegion, Target, Targets } from './targets';
export { testConnection } from './connection';
