// Looking around the library: its listings, its papers, one paper, and totals.
import type { Command } from 'commander';
import { withLibrary, parsePositiveInt, UserError } from '../context.ts';
import { authorLine, bold, clean, dim, printJson, table, truncate, venueLine } from '../format.ts';
import { LISTING_HELP, listingOption } from './listing.ts';

export function registerBrowse(program: Command): void {
  program
    .command('listings')
    .description('the listings ingested so far')
    .option('--json', 'print JSON')
    .action(function (this: Command) {
      const listings = withLibrary(this, (library) => library.listings());
      if (this.opts().json) return printJson(listings);
      if (listings.length === 0) return console.log('The library has no listings yet: add some with `paperscout ingest FILE`.');
      console.log(
        table(
          ['name', 'format', 'papers', 'venue', 'year', 'session', 'room', 'imported'],
          listings.map((l) => [l.name, l.format, l.paperCount, l.venue, l.year, l.session, l.room, l.importedAt.slice(0, 16).replace('T', ' ')]),
        ),
      );
    });

  program
    .command('list')
    .description('papers in the library, or in one listing in its order')
    .option('--listing <listing>', LISTING_HELP)
    .option('--limit <n>', 'at most this many', (v) => parsePositiveInt(v, '--limit'))
    .option('--json', 'print JSON')
    .action(function (this: Command) {
      const opts = this.opts<{ listing?: string; limit?: number; json?: boolean }>();
      const { total, papers } = withLibrary(this, (library) =>
        library.papers({ listing: opts.listing && listingOption(library, opts.listing).name }, { limit: opts.limit }),
      );
      if (opts.json) return printJson(papers);
      const width = Math.max(40, (process.stdout.columns ?? 120) - 40);
      console.log(table(['id', 'title', 'venue', 'authors'], papers.map((p) => [p.id, truncate(p.title, width), venueLine(p), truncate(authorLine(p.authors, 2), 30)])));
      if (papers.length < total) console.log(dim(`(${papers.length} of ${total} shown)`));
    });

  program
    .command('show')
    .description('one paper in full, with where it was listed and its likely other versions')
    .argument('<id>', 'paper id', (v) => parsePositiveInt(v, 'paper id'))
    .option('--json', 'print JSON')
    .action(function (this: Command, id: number) {
      const { paper, versions } = withLibrary(this, (library) => {
        const paper = library.paper(id);
        if (!paper) throw new UserError(`no paper with id ${id}`);
        return { paper, versions: library.possibleDuplicates(id) };
      });
      if (this.opts().json) {
        return printJson({ ...paper, possibleDuplicates: versions.map((v) => ({ id: v.paper.id, title: v.paper.title, similarity: v.similarity })) });
      }
      console.log(bold(clean(paper.title)) + (paper.titleDerived ? dim('  (title derived from the abstract)') : ''));
      console.log(clean(authorLine(paper.authors, 50)));
      const where = venueLine(paper);
      if (where) console.log(clean(where));
      if (paper.track || paper.status) console.log(clean([paper.track, paper.status].filter(Boolean).join(' · ')));
      console.log();
      console.log(paper.abstract ? clean(paper.abstract) : dim('(no abstract)'));
      if (paper.keywords.length > 0) console.log(`\nKeywords: ${clean(paper.keywords.join(', '))}`);
      const links = Object.entries(paper.urls);
      if (links.length > 0) console.log(`\n${links.map(([kind, url]) => `${kind}: ${clean(url)}`).join('\n')}`);
      const ids = Object.entries(paper.ids);
      if (ids.length > 0) console.log(ids.map(([kind, value]) => `${kind}: ${clean(value)}`).join('\n'));
      console.log(`\nListed in: ${paper.listings.map((l) => `${clean(l.listing)} #${l.position}`).join(', ')}`);
      if (versions.length > 0) {
        console.log('\nPossibly another version of:');
        for (const v of versions) console.log(`  [${v.paper.id}] ${clean(v.paper.title)} ${dim(`(similarity ${v.similarity.toFixed(2)})`)}`);
      }
    });

  program
    .command('stats')
    .description('what the library holds')
    .option('--json', 'print JSON')
    .action(function (this: Command) {
      const stats = withLibrary(this, (library) => library.stats());
      if (this.opts().json) return printJson(stats);
      console.log(
        table(
          ['', 'count'],
          [
            ['papers', stats.papers],
            ['with abstract', stats.withAbstract],
            ['listings', stats.listings],
            ['distinct authors', stats.authors],
            ['possible duplicate links', stats.possibleDuplicates],
            ['database size (MiB)', Number((stats.bytes / 1048576).toFixed(1))],
          ],
        ),
      );
      if (stats.venues.length > 0) console.log(`\n${table(['venue', 'papers'], stats.venues.map((v) => [v.venue, v.papers]))}`);
    });
}
