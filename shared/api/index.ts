export * from './common';
export * from './errors';
export * from './transport';
export * from './dossier';
export * from './method';
export * from './contract';
export * from './client';
