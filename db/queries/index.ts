export * from './types';
export * from './audit';
export * from './mds';
export * from './users';
export * from './dossiers';
export * from './drafts';
