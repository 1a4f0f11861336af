/**
 * Draws the two Teams app icons into appPackage/:
 *   color.png    192×192, full colour: solid soft-blue square (Teams rounds the corners itself)
 *                with a white person + check-mark symbol inside the 96×96 safe area.
 *   outline.png  32×32, the same symbol in pure white (255,255,255) on a fully transparent
 *                background, edge to edge (Teams wants no padding around the outline symbol).
 *
 * Shapes are rasterised with 8×8 supersampling, so edges are anti-aliased through alpha only;
 * the outline icon never contains a colour other than white.
 *
 * Run: npx tsc -p tsconfig.json && node dist/src/tools/draw-icons.js
 */
import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";

/** Straight (non-premultiplied) colour, channels 0..1. */
type Rgba = readonly [number, number, number, number];
/** Inside test in pixel space (continuous coordinates, pixel (i,j) covers [i,i+1)×[j,j+1)). */
type Shape = (x: number, y: number) => boolean;
type Layer = { shape: Shape; op: "paint"; color: Rgba } | { shape: Shape; op: "erase" };

export const ACCENT_HEX = "#4A7FD4";
const WHITE: Rgba = [1, 1, 1, 1];

function hexToRgba(hex: string): Rgba {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16) / 255, parseInt(m[2]!, 16) / 255, parseInt(m[3]!, 16) / 255, 1];
}

// ---------------------------------------------------------------- shapes

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) =>
    ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

const intersect =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.every((s) => s(x, y));

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** A stroked polyline with round caps and joins. */
const polyline =
  (points: ReadonlyArray<readonly [number, number]>, width: number): Shape =>
  (x, y) => {
    for (let i = 0; i + 1 < points.length; i++) {
      const [ax, ay] = points[i]!;
      const [bx, by] = points[i + 1]!;
      if (distanceToSegment(x, y, ax, ay, bx, by) <= width / 2) return true;
    }
    return false;
  };

// ---------------------------------------------------------------- the symbol

/**
 * The Nærvær mark in a unit box [0,1]×[0,1]: a person (head + shoulders) with a check-mark
 * badge at the lower right, the badge separated from the shoulders by a gap.
 * `box` maps the unit box to pixels.
 */
function symbolParts(box: { x: number; y: number; size: number }) {
  const X = (u: number) => box.x + u * box.size;
  const Y = (v: number) => box.y + v * box.size;
  const S = (d: number) => d * box.size;

  const head = circle(X(0.38), Y(0.19), S(0.19));
  const body = intersect(ellipse(X(0.38), Y(1.0), S(0.38), S(0.54)), rect(X(0), Y(0), X(1), Y(1)));

  const bc = { x: 0.76, y: 0.76 };
  const br = 0.24;
  const badgeGap = circle(X(bc.x), Y(bc.y), S(br + 0.075));
  const badge = circle(X(bc.x), Y(bc.y), S(br));
  const check = polyline(
    [
      [X(bc.x - br * 0.46), Y(bc.y + br * 0.02)],
      [X(bc.x - br * 0.12), Y(bc.y + br * 0.36)],
      [X(bc.x + br * 0.48), Y(bc.y - br * 0.3)],
    ],
    S(br * 0.3),
  );
  return { head, body, badgeGap, badge, check };
}

// ---------------------------------------------------------------- rasteriser

/**
 * Renders layers bottom-up with `samples`×`samples` supersampling per pixel.
 * Compositing is done in premultiplied alpha, so a pixel painted only white stays exactly white.
 * Fully transparent pixels get `transparentRgb` as their (invisible) colour.
 */
export function render(
  size: number,
  layers: Layer[],
  opts: { samples?: number; transparentRgb?: readonly [number, number, number] } = {},
): PNG {
  const n = opts.samples ?? 8;
  const transparentRgb = opts.transparentRgb ?? [255, 255, 255];
  const png = new PNG({ width: size, height: size });
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      // premultiplied accumulator
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (layer.shape(i + (sx + 0.5) / n, j + (sy + 0.5) / n)) hits++;
          }
        }
        if (hits === 0) continue;
        const cov = hits / (n * n);
        if (layer.op === "erase") {
          r *= 1 - cov;
          g *= 1 - cov;
          b *= 1 - cov;
          a *= 1 - cov;
        } else {
          const [cr, cg, cb, ca] = layer.color;
          const k = ca * cov;
          r = cr * k + r * (1 - k);
          g = cg * k + g * (1 - k);
          b = cb * k + b * (1 - k);
          a = k + a * (1 - k);
        }
      }
      const o = (j * size + i) * 4;
      const alpha = Math.round(a * 255);
      if (alpha === 0) {
        png.data[o] = transparentRgb[0];
        png.data[o + 1] = transparentRgb[1];
        png.data[o + 2] = transparentRgb[2];
        png.data[o + 3] = 0;
      } else {
        png.data[o] = Math.round(Math.min(1, r / a) * 255);
        png.data[o + 1] = Math.round(Math.min(1, g / a) * 255);
        png.data[o + 2] = Math.round(Math.min(1, b / a) * 255);
        png.data[o + 3] = alpha;
      }
    }
  }
  return png;
}

/** 192×192 colour icon: solid accent square, white symbol in the central 96×96. */
export function drawColorIcon(): PNG {
  const size = 192;
  const accent = hexToRgba(ACCENT_HEX);
  const p = symbolParts({ x: 48, y: 48, size: 96 });
  return render(size, [
    { shape: rect(0, 0, size, size), op: "paint", color: accent },
    { shape: p.head, op: "paint", color: WHITE },
    { shape: p.body, op: "paint", color: WHITE },
    { shape: p.badgeGap, op: "paint", color: accent },
    { shape: p.badge, op: "paint", color: WHITE },
    { shape: p.check, op: "paint", color: accent },
  ]);
}

/** 32×32 outline icon: the symbol in white on transparent, filling the whole square. */
export function drawOutlineIcon(): PNG {
  const p = symbolParts({ x: 0, y: 0, size: 32 });
  return render(32, [
    { shape: p.head, op: "paint", color: WHITE },
    { shape: p.body, op: "paint", color: WHITE },
    { shape: p.badgeGap, op: "erase" },
    { shape: p.badge, op: "paint", color: WHITE },
    { shape: p.check, op: "erase" },
  ]);
}

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "appPackage"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`could not find the repository root (package.json + appPackage/) above ${start}`);
    dir = parent;
  }
}

function main(): void {
  const outDir = path.join(findRepoRoot(__dirname), "appPackage");
  const files: Array<[string, PNG]> = [
    ["color.png", drawColorIcon()],
    ["outline.png", drawOutlineIcon()],
  ];
  for (const [name, png] of files) {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
    console.log(`${file} (${png.width}×${png.height})`);
  }
}

if (require.main === module) main();
