export * from './api.ts';
export * from './connect.ts';
