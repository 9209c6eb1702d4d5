/**
 * Draws the app's icons (the favicon's white P on its blue square) as PNGs for the web manifest: 192 and 512
 * pixels, plus a maskable 512 whose P sits inside the safe circle. Run with `node scripts/icons.mjs`; the PNGs
 * are committed in public/icons/.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const BLUE = [0x0f, 0x3d, 0x5e];
const WHITE = [0xff, 0xff, 0xff];

/** Whether a point of the favicon's 32-unit grid is inside the P (its bowl minus the counter). */
function inP(x, y) {
  const stem = x >= 9 && x <= 13 && y >= 8 && y <= 24;
  const bowl = (x >= 9 && x <= 18 && y >= 8 && y <= 20) || (x > 18 && (x - 18) ** 2 + (y - 14) ** 2 <= 36);
  const counter =
    (x >= 13 && x <= 18 && y >= 12 && y <= 16) || (x > 18 && (x - 18) ** 2 + (y - 14) ** 2 <= 4);
  return stem || (bowl && !counter);
}

/** Whether a point is inside the rounded square (rx 7 of 32). */
function inSquare(x, y) {
  const r = 7;
  const cx = Math.min(Math.max(x, r), 32 - r);
  const cy = Math.min(Math.max(y, r), 32 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function draw(size, maskable) {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  // Maskable: the background fills the whole image, the P shrinks to the inner 80 %.
  const scale = maskable ? 0.8 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let square = 0;
      let glyph = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 32;
          const y = ((py + (sy + 0.5) / samples) / size) * 32;
          if (maskable || inSquare(x, y)) square += 1;
          const gx = 16 + (x - 16) / scale;
          const gy = 16 + (y - 16) / scale;
          if (inP(gx, gy)) glyph += 1;
        }
      }
      const total = samples * samples;
      const g = glyph / total;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) pixels[offset + c] = Math.round(BLUE[c] * (1 - g) + WHITE[c] * g);
      pixels[offset + 3] = Math.round((255 * Math.max(square, glyph)) / total);
    }
  }
  return png(size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');
writeFileSync(join(out, 'icon-192.png'), draw(192, false));
writeFileSync(join(out, 'icon-512.png'), draw(512, false));
writeFileSync(join(out, 'icon-maskable-512.png'), draw(512, true));
