/**
 * A statement sealed the way Passbook sealed them before they rested as bytes: the PDF's base64, AES-256-GCM
 * under the key's statement subkey, bound to its account and month, written as `v1.iv.ciphertext.tag` text.
 * Rows of that form may still be in a database; the tests make one to prove they still open.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';

export function earlierStatementSeal(encryptionKeyHex: string, pdf: Buffer, context: string): string {
  const key = hkdfSync(
    'sha256',
    Buffer.from(encryptionKeyHex, 'hex'),
    Buffer.alloc(0),
    'passbook statement encryption',
    32,
  );
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key), iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(pdf.toString('base64'), 'utf8'), cipher.final()]);
  return ['v1', iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}
