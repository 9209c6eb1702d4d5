/** Opaque page cursors: the (date, seq) keyset of the last transaction of a page, base64url-encoded. */
import { AppError } from '../errors.ts';
import { isCalendarDate } from './query.ts';
import type { TransactionPosition } from './repository.ts';

const SHAPE = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/;

export function encodeCursor(position: TransactionPosition): string {
  return Buffer.from(`${position.date}.${position.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): TransactionPosition {
  const [, date, seq] = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('utf8')) ?? [];
  if (date === undefined || seq === undefined || !isCalendarDate(date)) {
    throw new AppError(
      400,
      'INVALID_CURSOR',
      'This page cursor is not valid; start again from the first page.',
    );
  }
  return { date, seq: Number(seq) };
}
