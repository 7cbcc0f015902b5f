export * from './audio';
export * from './errors';
export * from './languages';
export * from './types';
export * from './vocabulary';
export * from './voices';
