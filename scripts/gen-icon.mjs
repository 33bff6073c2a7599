// Draws the extension's Marketplace icon, media/icon.png (128 × 128 px): a runbook checklist,
// two items ticked, one open, on the gallery banner's slate. Deterministic (no image library:
// shapes by signed distance, 4 × 4 supersampling, PNG written with node's zlib).
// `node scripts/gen-icon.mjs` rewrites it; `--check` fails if the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 128;
const OUT = 'media/icon.png';
const SLATE = [0x1f, 0x2a, 0x37]; // package.json galleryBanner.color
const GREEN = [0x3f, 0xb9, 0x50];
const WHITE = [0xf0, 0xf6, 0xfc];
const GREY = [0x8b, 0x9b, 0xae];

/** Distance from (x, y) to a rounded rectangle (negative inside). */
function roundedRect(x, y, left, top, width, height, radius) {
  const dx = Math.abs(x - (left + width / 2)) - (width / 2 - radius);
  const dy = Math.abs(y - (top + height / 2)) - (height / 2 - radius);
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
}

/** Distance from (x, y) to the segment (ax, ay)–(bx, by). */
function segment(x, y, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

const ROWS = [34, 64, 94]; // vertical centres of the checklist items

/** The colour at a point, or undefined outside the icon (transparent corners). */
function colourAt(x, y) {
  if (roundedRect(x, y, 0, 0, SIZE, SIZE, 26) > 0) return undefined;
  for (const [index, cy] of ROWS.entries()) {
    const ticked = index < 2;
    const box = roundedRect(x, y, 20, cy - 12, 24, 24, 5);
    if (ticked && box <= 0) {
      const tick = Math.min(segment(x, y, 26, cy, 30.5, cy + 5), segment(x, y, 30.5, cy + 5, 38, cy - 5.5));
      return tick <= 2.6 ? WHITE : GREEN;
    }
    if (!ticked && Math.abs(box + 1.5) <= 1.5) return GREY;
    if (roundedRect(x, y, 54, cy - 5, ticked ? 54 : 40, 10, 5) <= 0) return ticked ? GREY : WHITE;
  }
  return SLATE;
}

/** RGBA rows, each prefixed with PNG filter type 0. */
function pixels() {
  const samples = 4;
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let py = 0; py < SIZE; py++) {
    const row = py * (SIZE * 4 + 1);
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const at = row + 1 + px * 4;
      if (a > 0) {
        raw[at] = Math.round(r / a);
        raw[at + 1] = Math.round(g / a);
        raw[at + 2] = Math.round(b / a);
      }
      raw[at + 3] = Math.round((255 * a) / samples ** 2);
    }
  }
  return raw;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const icon = png();
if (process.argv.includes('--check')) {
  let committed;
  try {
    committed = readFileSync(OUT);
  } catch {
    committed = undefined;
  }
  if (!committed?.equals(icon)) {
    console.error(`${OUT} is not what scripts/gen-icon.mjs draws: run node scripts/gen-icon.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(OUT, icon);
  console.log(`${OUT}: ${SIZE} × ${SIZE} px, ${icon.length} bytes`);
}
