// `npm run icons`: every app icon the three systems need, rendered from the one drawing,
// resources/icon.svg, into build/ (electron-builder's build resources; `npm run dist` runs this first):
//   build/icons/<n>x<n>.png  Linux (the hicolor sizes, the deb and the AppImage)
//   build/icon.ico           Windows (the installer, the .exe, the taskbar)
//   build/icon.icns          macOS (the .app, the dmg)
// Each size is drawn from the vector at that size (resvg), not scaled down from one large bitmap, so the
// small ones stay sharp. png-to-ico and @fiahfy/icns only put the PNGs into their containers.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Icns, IcnsImage, type OSType } from '@fiahfy/icns';
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

const root = path.resolve(__dirname, '..');
export const SOURCE = path.join(root, 'resources/icon.svg');

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const WINDOWS_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
/** ICNS entries (all PNG): the 1x sizes and their @2x twins, as macOS's own iconutil writes them. */
export const MAC_ENTRIES: ReadonlyArray<{ type: OSType; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'icp5', size: 32 },
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic08', size: 256 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 }, // 512@2x
];

/**
 * macOS icons are drawn on Apple's grid: the rounded square is 824 of the canvas's 1024 pixels, leaving
 * room for the system's shadow. In resources/icon.svg the square fills 28 of the 32 units, so for macOS
 * the view box grows around the drawing until the square covers 824/1024 of it.
 */
const MAC_SQUARE_SHARE = 824 / 1024;
const DRAWING_SQUARE_SHARE = 28 / 32;

export function withMacMargin(svg: string): string {
  return svg.replace(/viewBox="([^"]+)"/, (_m, box: string) => {
    const [x, y, w, h] = box.trim().split(/[\s,]+/).map(Number) as [number, number, number, number];
    const grow = DRAWING_SQUARE_SHARE / MAC_SQUARE_SHARE;
    const nw = w * grow;
    const nh = h * grow;
    const r = (n: number) => Number(n.toFixed(4));
    return `viewBox="${r(x - (nw - w) / 2)} ${r(y - (nh - h) / 2)} ${r(nw)} ${r(nh)}"`;
  });
}

export function renderPng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

export interface IconFiles {
  linuxDir: string;
  ico: string;
  icns: string;
}

/** Writes the Linux PNG set, the .ico and the .icns into `outDir`; returns their paths. */
export async function generateIcons(outDir: string, source = SOURCE): Promise<IconFiles> {
  const svg = await readFile(source, 'utf8');
  const files: IconFiles = {
    linuxDir: path.join(outDir, 'icons'),
    ico: path.join(outDir, 'icon.ico'),
    icns: path.join(outDir, 'icon.icns'),
  };
  await mkdir(files.linuxDir, { recursive: true });

  const pngs = new Map<number, Buffer>();
  const png = (size: number): Buffer => {
    let p = pngs.get(size);
    if (!p) pngs.set(size, (p = renderPng(svg, size)));
    return p;
  };
  await Promise.all(LINUX_SIZES.map((n) => writeFile(path.join(files.linuxDir, `${n}x${n}.png`), png(n))));
  await writeFile(files.ico, await pngToIco(WINDOWS_SIZES.map(png)));

  const macSvg = withMacMargin(svg);
  const icns = new Icns();
  for (const { type, size } of MAC_ENTRIES) icns.append(IcnsImage.fromPNG(renderPng(macSvg, size), type));
  await writeFile(files.icns, icns.data);
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = path.join(root, 'build');
  generateIcons(out).then(
    (f) => console.log(`icons: ${path.relative(root, f.linuxDir)}/ (${LINUX_SIZES.join(', ')} px), ${path.relative(root, f.ico)}, ${path.relative(root, f.icns)} from ${path.relative(root, SOURCE)}`),
    (err: unknown) => {
      console.error(`icons: could not make the icons: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
