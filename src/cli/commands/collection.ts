// Collections: reading lists kept by name, filled by paper ids or from a session plan, and
// exported for Zotero and other citation managers.
import type { Command } from 'commander';
import { withLibrary, parsePositiveInt, UserError } from '../context.ts';
import { authorLine, clean, dim, printJson, table, truncate, venueLine } from '../format.ts';
import { writeFileAtomically } from '../out-file.ts';
import { resolveProfile } from './profile.ts';
import { withListingHint } from './listing.ts';
import { indexingProgress } from './recommend.ts';

const paperIds = (values: string[]) => values.map((value) => parsePositiveInt(value, 'paper id'));

export function registerCollection(program: Command): void {
  const collection = program.command('collection').description('reading lists: papers kept by name, exported as BibTeX, RIS or CSL-JSON');

  collection
    .command('add')
    .description('add papers to a collection (made if new): by id, or a session plan\'s short-list (--from-plan)')
    .argument('<name>')
    .argument('[papers...]', 'paper ids')
    .option('--from-plan <listing>', "the short-list of this listing's plan: the papers the profile liked and the first 10 it ranks")
    .option('--profile <name>', 'the profile the plan is ranked for (needed when there are several)')
    .option('--note <text>', "the collection's note (an empty one clears it)")
    .action(async function (this: Command, name: string, papers: string[]) {
      const opts = this.opts<{ fromPlan?: string; profile?: string; note?: string }>();
      if ((papers.length > 0) === (opts.fromPlan !== undefined)) throw new UserError('give either paper ids or --from-plan LISTING');
      const ids = paperIds(papers);
      const actions = await import('../../actions/collections.ts');
      const indexing = opts.fromPlan === undefined ? undefined : await indexingProgress();
      const change = withLibrary(this, (library) => {
        if (!indexing) return actions.addToCollection(library, name, ids, opts.note);
        const profile = resolveProfile(library, opts.profile);
        indexing(library);
        return withListingHint(() => actions.saveShortlist(library, name, opts.fromPlan!, { profile }));
      });
      console.log(`${clean(change.collection.name)}: ${change.changed} paper(s) added, ${change.collection.papers} in all`);
    });

  collection
    .command('remove')
    .description('remove papers from a collection')
    .argument('<name>')
    .argument('<papers...>', 'paper ids')
    .action(async function (this: Command, name: string, papers: string[]) {
      const ids = paperIds(papers);
      const { removeFromCollection } = await import('../../actions/collections.ts');
      const change = withLibrary(this, (library) => removeFromCollection(library, name, ids));
      console.log(`${clean(change.collection.name)}: ${change.changed} paper(s) removed, ${change.collection.papers} left`);
    });

  collection
    .command('list')
    .description('all collections')
    .option('--json', 'print JSON')
    .action(function (this: Command) {
      const all = withLibrary(this, (library) => library.collections());
      if (this.opts().json) return printJson(all);
      if (all.length === 0) return console.log('No collections yet: `paperscout collection add NAME PAPER...`.');
      console.log(table(['name', 'papers', 'created', 'note'], all.map((c) => [c.name, c.papers, c.createdAt.slice(0, 10), c.note && truncate(c.note, 50)])));
    });

  collection
    .command('show')
    .description("a collection's papers, in its order")
    .argument('<name>')
    .option('--json', 'print JSON')
    .action(async function (this: Command, name: string) {
      const { showCollection } = await import('../../actions/collections.ts');
      const { collection: found, papers } = withLibrary(this, (library) => showCollection(library, name));
      if (this.opts().json) return printJson({ ...found, papers });
      console.log(`${clean(found.name)}: ${papers.length} paper(s)${found.note ? ` — ${clean(found.note)}` : ''}\n`);
      if (papers.length > 0) console.log(table(['id', 'title', 'venue', 'authors'], papers.map((p) => [p.id, truncate(p.title, 70), venueLine(p), truncate(authorLine(p.authors, 2), 30)])));
    });

  collection
    .command('export')
    .description('write a collection for a citation manager (Zotero imports all three)')
    .argument('<name>')
    .requiredOption('--format <format>', 'bibtex, ris or csl-json')
    .option('--out <file>', 'write to a file (whole or not at all) instead of standard output')
    .action(async function (this: Command, name: string) {
      const opts = this.opts<{ format: string; out?: string }>();
      const { COLLECTION_FORMATS, exportCollection } = await import('../../actions/collections.ts');
      if (!(COLLECTION_FORMATS as readonly string[]).includes(opts.format)) throw new UserError(`unknown --format "${clean(opts.format)}"; one of: ${COLLECTION_FORMATS.join(', ')}`);
      const text = withLibrary(this, (library) => exportCollection(library, name, opts.format as (typeof COLLECTION_FORMATS)[number]));
      if (opts.out) {
        writeFileAtomically(opts.out, text);
        console.error(dim(`written to ${clean(opts.out)}`));
      } else process.stdout.write(text);
    });

  collection
    .command('delete')
    .description('delete a collection (its papers stay in the library)')
    .argument('<name>')
    .action(async function (this: Command, name: string) {
      const { deleteCollection } = await import('../../actions/collections.ts');
      withLibrary(this, (library) => deleteCollection(library, name));
      console.log(`Deleted collection ${clean(name.trim())}.`);
    });
}
