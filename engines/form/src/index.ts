// Public surface of the form engine (pure: no I/O).
export * from './schema';
