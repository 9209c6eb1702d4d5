export * from './api.ts';
export * from './auth.ts';
export * from './connect.ts';
