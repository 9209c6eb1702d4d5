export * from './api.ts';
export * from './auth.ts';
export * from './categories.ts';
export * from './connect.ts';
export * from './constants.ts';
export * from './errors.ts';
export * from './notifications.ts';
export * from './recurring.ts';
