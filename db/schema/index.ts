// One schema file per factory, re-exported here for Drizzle and drizzle-kit.
export * from './core';
export * from './jobs';
export * from './data';
export * from './training';
export * from './annotation';
export * from './datasets';
export * from './compute';
export * from './environment';
export * from './cleaning';
export * from './endpoints';
export * from './evaluation';
export * from './pipeline';
export * from './runtime';
