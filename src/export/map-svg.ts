// The library map as one SVG file (`paperscout map --out map.svg`): the points coloured as the
// web app colours them, highlighted ones drawn last and larger, region labels, a legend. Plain
// text out: an SVG is a few elements, which no library is needed to write.
import type { MapPointArrays } from '../map-points.ts';
import type { Categories } from '../map-colours.ts';

export interface MapPicture {
  points: MapPointArrays;
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
  regions: readonly { x: number; y: number; keywords: readonly string[] }[];
  colours: Categories;
  /** Highlighted points (category > 0) are drawn on top and larger. */
  highlighting: boolean;
  title: string;
}

const WIDTH = 1600;
const MAP_HEIGHT = 1200;
const MARGIN = 40;
const LEGEND_LINE = 22;

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fixed = (n: number) => n.toFixed(1);

export function mapSvg(picture: MapPicture): string {
  const { points, bounds, colours } = picture;
  const n = points.ids.length;
  const scale = Math.min((WIDTH - 2 * MARGIN) / Math.max(bounds.maxX - bounds.minX, 1e-9), (MAP_HEIGHT - 2 * MARGIN) / Math.max(bounds.maxY - bounds.minY, 1e-9));
  const sx = (x: number) => MARGIN + (x - bounds.minX) * scale;
  // SVG's y grows downwards; the map's upwards.
  const sy = (y: number) => MAP_HEIGHT - MARGIN - (y - bounds.minY) * scale;
  const radius = n > 20_000 ? 1.2 : n > 2000 ? 2.5 : 6;
  const order = Array.from({ length: n }, (_, i) => i);
  if (picture.highlighting) order.sort((a, b) => Number(colours.values[a] > 0) - Number(colours.values[b] > 0) || a - b);
  const circles = order.map((i) => {
    const category = colours.values[i];
    const r = picture.highlighting && category > 0 ? radius * 2 : radius;
    return `<circle cx="${fixed(sx(points.x[i]))}" cy="${fixed(sy(points.y[i]))}" r="${r}" fill="${colours.colours[category]}"/>`;
  });
  const labels = picture.regions.map(
    (region) =>
      `<text x="${fixed(sx(region.x))}" y="${fixed(sy(region.y))}" text-anchor="middle" class="region">${escapeXml(region.keywords.join(', '))}</text>`,
  );
  const legend = colours.legend.map(
    (entry, i) =>
      `<circle cx="${MARGIN + 6}" cy="${MAP_HEIGHT + 20 + i * LEGEND_LINE}" r="6" fill="${entry.colour}"/>` +
      `<text x="${MARGIN + 20}" y="${MAP_HEIGHT + 25 + i * LEGEND_LINE}">${escapeXml(entry.label)}</text>`,
  );
  const height = MAP_HEIGHT + 30 + colours.legend.length * LEGEND_LINE;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="14">`,
    `<title>${escapeXml(picture.title)}</title>`,
    '<style>.region{font-size:15px;font-weight:600;fill:#22262c;stroke:#ffffff;stroke-width:4px;paint-order:stroke}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<g opacity="0.85">${circles.join('')}</g>`,
    ...labels,
    ...legend,
    '</svg>',
    '',
  ].join('\n');
}
