// The peer encoder for bench/printer_bench.cpp: @point-of-sale/receipt-printer-encoder (npm) turns
// the same ticket image into ESC/POS raster (GS v 0), threshold at 128, with a cut.
//   node bench/peer/escpos_peer.mjs TICKET.pgm ITERATIONS
// Prints one JSON line: {"ms_per_ticket": ..., "bytes": ...}. The image is a binary PGM (P5),
// luminance, ink dark; the conversion to RGBA is done once, outside the timing.
import { readFileSync } from 'node:fs';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

const [file, iterationsText] = process.argv.slice(2);
const pgm = readFileSync(file);
const header = pgm.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/);
if (!header) throw new Error(`${file}: not a binary 8-bit PGM`);
const [width, height] = [Number(header[1]), Number(header[2])];
const grey = pgm.subarray(header[0].length);
const rgba = new Uint8ClampedArray(width * height * 4);
for (let i = 0; i < width * height; ++i) {
  rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = grey[i];
  rgba[i * 4 + 3] = 255;
}
const image = { data: rgba, width, height };
const encode = () => new ReceiptPrinterEncoder({ language: 'esc-pos', imageMode: 'raster', columns: 48 })
  .initialize().image(image, width, height, 'threshold', 128).cut().encode();

const iterations = Number(iterationsText || 50);
let bytes = encode().length;  // warm-up, and the size
const start = process.hrtime.bigint();
for (let i = 0; i < iterations; ++i) bytes = encode().length;
const ms = Number(process.hrtime.bigint() - start) / 1e6 / iterations;
console.log(JSON.stringify({ ms_per_ticket: ms, bytes }));
