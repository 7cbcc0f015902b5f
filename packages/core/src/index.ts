export * from './audio';
export * from './errors';
export * from './types';
export * from './vocabulary';
export * from './voices';
