/** Opaque page cursors: the (date, seq) keyset of the last transaction of a page, base64url-encoded. */

import { isCalendarDate } from '@passbook/contracts';
import { AppError } from '../errors.ts';
import type { MixedTransactionPosition, TransactionPosition } from './repository.ts';

const SHAPE = /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})$/;
const MIXED_SHAPE =
  /^(\d{4}-\d{2}-\d{2})\.(\d{1,15})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(position: TransactionPosition): string {
  return Buffer.from(`${position.date}.${position.seq}`).toString('base64url');
}

function invalidCursor(): AppError {
  return new AppError(
    400,
    'INVALID_CURSOR',
    'This page cursor is not valid; start again from the first page.',
  );
}

export function decodeCursor(cursor: string): TransactionPosition {
  const [, date, seq] = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('utf8')) ?? [];
  if (date === undefined || seq === undefined || !isCalendarDate(date)) throw invalidCursor();
  return { date, seq: Number(seq) };
}

/** Across accounts, seq orders only one account's transactions: the id makes the position unique. */
export function encodeMixedCursor(position: MixedTransactionPosition): string {
  return Buffer.from(`${position.date}.${position.seq}.${position.id}`).toString('base64url');
}

export function decodeMixedCursor(cursor: string): MixedTransactionPosition {
  const [, date, seq, id] = MIXED_SHAPE.exec(Buffer.from(cursor, 'base64url').toString('utf8')) ?? [];
  if (date === undefined || seq === undefined || id === undefined || !isCalendarDate(date)) {
    throw invalidCursor();
  }
  return { date, seq: Number(seq), id };
}
