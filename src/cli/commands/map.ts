// The library map: laid out on request (`map build`; a server does it in the background), and
// drawn to a file (`map --out map.svg|map.png`), with a profile's and a listing's papers
// highlighted.
import path from 'node:path';
import type { Command } from 'commander';
import type { Library } from '../../library/library.ts';
import type { MapSummary } from '../../actions/map-reading.ts';
import type { Highlights } from '../../map-colours.ts';
import { withLibrary, UserError } from '../context.ts';
import { writeFileAtomically } from '../out-file.ts';
import { clean } from '../format.ts';
import { resolveProfile } from './profile.ts';
import { LISTING_HELP, listingOption } from './listing.ts';

const describe = (summary: MapSummary) =>
  `map of ${summary.papers} papers in ${summary.regions} regions, laid out ${summary.builtAt}${summary.placed > 0 ? ` (${summary.placed} placed since by their neighbours)` : ''}`;

async function highlightsFor(library: Library, opts: { profile?: string; listing?: string }): Promise<Highlights> {
  const highlights: Highlights = {};
  if (opts.listing) {
    const listing = listingOption(library, opts.listing);
    highlights.listing = { name: listing.name, paperIds: library.paperIds({ listing: listing.name }) };
  }
  if (opts.profile) {
    const profile = resolveProfile(library, opts.profile);
    const { recommend } = await import('../../actions/recommend.ts');
    const { MAP_RECOMMENDATIONS, profileHighlights } = await import('../../actions/library-map.ts');
    highlights.profile = profileHighlights(profile, recommend(library, profile, {}, MAP_RECOMMENDATIONS));
  }
  return highlights;
}

export function registerMap(program: Command): void {
  const map = program
    .command('map')
    .description("the library map: every paper a point near those it is close to in meaning, regions named by their key words")
    .option('--out <file>', 'draw the map to this file: .svg, or .png (rendered from the SVG by resvg)')
    .option('--profile <name>', "highlight this profile's papers, topics and recommendations")
    .option('--listing <listing>', `highlight a listing's papers (${LISTING_HELP})`)
    .action(async function (this: Command) {
      const opts = this.opts<{ out?: string; profile?: string; listing?: string }>();
      if (!opts.out) {
        const { mapSummary } = await import('../../actions/map-reading.ts');
        const summary = withLibrary(this, (library) => mapSummary(library));
        console.log(summary ? describe(summary) : 'no map yet: lay it out with `paperscout map build` (a server does it on its own)');
        return;
      }
      const format = path.extname(opts.out).toLowerCase();
      if (format !== '.svg' && format !== '.png') throw new UserError(`--out must end in .svg or .png, not "${clean(path.extname(opts.out) || opts.out)}"`);
      const { buildLibraryMap } = await import('../../actions/library-map.ts');
      const { encodedLibraryMap, mapSummary } = await import('../../actions/map-reading.ts');
      const { categories } = await import('../../map-colours.ts');
      const { mapSvg } = await import('../../export/map-svg.ts');
      const { progressOnStderr } = await import('../progress.ts');
      const svg = await withLibrary(this, async (library) => {
        // Highlights first: an unknown profile or listing fails before minutes of layout.
        const highlights = await highlightsFor(library, opts);
        if (!mapSummary(library)) {
          console.error('no map yet: laying it out (a minute or two for a large library)…');
          buildLibraryMap(library, progressOnStderr('indexing papers'));
        }
        const drawn = encodedLibraryMap(library).map;
        const highlighting = highlights.listing !== undefined || highlights.profile !== undefined;
        const what = [highlights.profile && `profile ${highlights.profile.name}`, highlights.listing && `listing ${highlights.listing.name}`].filter(Boolean).join(' and ');
        return mapSvg({
          ...drawn,
          colours: categories(highlighting ? 'highlights' : 'venue', drawn, drawn.points, highlights),
          highlighting,
          title: `paperscout: map of ${drawn.points.ids.length} papers${what ? `, ${what} highlighted` : ''}`,
        });
      });
      if (format === '.svg') writeFileAtomically(opts.out, svg);
      else {
        const { Resvg } = await import('@resvg/resvg-js');
        writeFileAtomically(opts.out, new Resvg(svg, { font: { loadSystemFonts: true } }).render().asPng());
      }
      console.log(`wrote ${opts.out}`);
    });
  map
    .command('build')
    .description('lay the map out anew from every paper of the library (the same library gives the same map)')
    .action(async function (this: Command) {
      const { buildLibraryMap } = await import('../../actions/library-map.ts');
      const { progressOnStderr } = await import('../progress.ts');
      const summary = withLibrary(this, (library) => buildLibraryMap(library, progressOnStderr('indexing papers')));
      console.log(describe(summary));
    });
}
