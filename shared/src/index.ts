export * from './api/entities';
export * from './api/http';
export * from './protocol';
export * from './schema/awareness';
export * from './schema/board';
export * from './schema/ids';
export * from './schema/ranks';
export * from './schema/record';
