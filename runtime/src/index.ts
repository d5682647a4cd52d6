// Public surface of the runtime package.
export * from './storage/types';
export * from './http/errors';
export * from './http/principal';
