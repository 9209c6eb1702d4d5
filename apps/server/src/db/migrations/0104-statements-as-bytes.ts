import type { Migration } from '../migrate.ts';

/**
 * A statement's sealed PDF rests as bytes (`pdf_sealed_bytes`): the PDF's own length, with the version, the
 * nonce and the tag. The text form before it (the PDF's base64, sealed, then base64 again) was 16/9 of the PDF,
 * and every byte of it crossed to the database inside a text array. Rows stored in that form keep it, and open
 * as before, until their month is retrieved again: the store writes the bytes and clears the text. Exactly one
 * of the two holds each statement.
 */
export const statementsAsBytes: Migration = {
  id: '0104-statements-as-bytes',
  statements: [
    'ALTER TABLE statements ADD COLUMN pdf_sealed_bytes bytea',
    'ALTER TABLE statements ALTER COLUMN pdf_sealed DROP NOT NULL',
    `ALTER TABLE statements ADD CONSTRAINT statements_sealed_once
       CHECK ((pdf_sealed IS NULL) <> (pdf_sealed_bytes IS NULL))`,
  ],
};
