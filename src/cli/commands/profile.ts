// Profiles: a researcher's own papers (from files or by name) and their ratings.
import type { Command } from 'commander';
import type { Profile } from '../../types.ts';
import type { Library } from '../../library/library.ts';
import type { IdentityOfName } from '../../actions/profile.ts';
import { withLibrary, parsePositiveInt, UserError } from '../context.ts';
import { ConflictError, InputError, NotFoundError } from '../../actions/errors.ts';
import { authorLine, clean, dim, printJson, table, truncate, venueLine } from '../format.ts';
import { ENCODING_HELP, encodingOption, reportFileProblems } from './ingest.ts';

/** The named profile, or the only one when no name is given. */
export function resolveProfile(library: Library, name: string | undefined): Profile {
  if (name) {
    const profile = library.profile(name);
    if (!profile) throw new UserError(`no profile named "${name}" (see \`paperscout profile list\`)`);
    return profile;
  }
  const names = library.profileNames();
  if (names.length === 1) return library.profile(names[0])!;
  throw new UserError(names.length === 0 ? 'no profile yet: create one with `paperscout profile create NAME --from FILE`' : `several profiles exist (${names.join(', ')}): name one with --profile`);
}

function parseIdentities(value: string): number[] {
  const numbers = value.split(',').map((part) => Number(part.trim()));
  if (numbers.some((n) => !Number.isInteger(n) || n < 1)) throw new UserError(`--identity takes the numbers of identities as listed, e.g. 2 or 1,3, not "${value}"`);
  return numbers;
}

/** The identities of a name, numbered, each with what tells it apart: co-authors, venues, titles. */
function identityList(identities: readonly IdentityOfName[]): string {
  return identities
    .map((identity) => {
      const papers = `${identity.paperIds.length} paper(s)${identity.inProfile > 0 ? `, ${identity.inProfile} in the profile already` : ''}`;
      const coauthors = identity.coauthors.length > 0 ? `with ${identity.coauthors.map((c) => `${c.name} (${c.papers})`).join(', ')}` : 'no co-authors';
      const venues = identity.venues.map((v) => v.venue).join(', ');
      const lines = [`${String(identity.number).padStart(3)}. ${[papers, coauthors, venues].filter(Boolean).join('; ')}`, ...identity.sampleTitles.map((title) => `       ${truncate(title, 90)}`)];
      return clean(lines.join('\n'));
    })
    .join('\n');
}

export function registerProfile(program: Command): void {
  const profile = program.command('profile').description("a researcher's own papers, which recommendations are made for");

  // `create` and `add` differ only in whether the profile must be new.
  for (const [verb, description, creates] of [
    ['create', 'create a profile from your papers: a publication list, BibTeX, OpenReview archive or any listing', true],
    ['add', 'add papers to a profile, from files or by author name', false],
  ] as const) {
    profile
      .command(verb)
      .description(description)
      .argument('<name>')
      .option('--from <paths...>', 'files with your papers')
      .option('--author <name>', 'your papers already in the library, by your name (any spelling: "LIU YONG" finds "Yong Liu")')
      .option('--identity <numbers>', 'when your name may be several people: which of them are you (as listed), e.g. 2 or 1,3', parseIdentities)
      .option('--encoding <label>', ENCODING_HELP)
      .action(async function (this: Command, name: string) {
        const opts = this.opts<{ from?: string[]; author?: string; identity?: number[]; encoding?: string }>();
        if (!opts.from && !opts.author) throw new UserError('say where your papers are: --from FILE... and/or --author "Full Name"');
        if (opts.identity && !opts.author) throw new UserError('--identity picks among the people a name may be: give --author too');
        const encoding = encodingOption(opts.encoding);
        // Loaded here: the importers are needed by this command only.
        const { AmbiguousAuthorError, buildProfile, readProfileFiles } = await import('../../actions/profile.ts');
        const read = opts.from ? readProfileFiles(opts.from, { encoding }) : { listings: [], files: [], failures: [], skipped: [] };
        reportFileProblems({ outcomes: read.files, failures: read.failures, skipped: read.skipped });
        const change = withLibrary(this, (library) => {
          try {
            return buildProfile(library, name, { listings: read.listings, author: opts.author, identities: opts.identity }, creates ? 'create' : 'extend');
          } catch (error) {
            if (error instanceof AmbiguousAuthorError) {
              console.error(`paperscout: ${clean(error.message)}:\n${identityList(error.identities)}`);
              throw new UserError('say which with --identity N (several: --identity 1,3); nothing was added');
            }
            if (error instanceof ConflictError) throw new UserError(`${error.message} (add to it with \`paperscout profile add\`)`);
            if (error instanceof NotFoundError) throw new UserError(`${error.message} (see \`paperscout profile list\`)`);
            throw error;
          }
        });
        const sources = [opts.from ? `${read.listings.length} file(s)` : '', opts.author ? `papers by ${clean(opts.author)}` : ''].filter(Boolean).join(' and ');
        console.log(`${clean(change.profile.name)}: ${change.added} paper(s) added from ${sources} (${change.listed} listed)`);
      });
  }

  profile
    .command('show')
    .description("a profile's papers and ratings")
    .argument('[name]')
    .option('--json', 'print JSON')
    .action(function (this: Command, name: string | undefined) {
      const { found, papers, rated, titles } = withLibrary(this, (library) => {
        const found = resolveProfile(library, name);
        return { found, papers: library.papersById(found.paperIds), rated: library.papersById(Object.keys(found.ratings).map(Number)), titles: library.profilePaperTitles(found) };
      });
      if (this.opts().json) return printJson({ name: found.name, createdAt: found.createdAt, papers, ratings: found.ratings, titles: Object.fromEntries(titles) });
      console.log(`${clean(found.name)}: ${papers.length} paper(s), ${rated.length} rating(s)\n`);
      // The researcher's own title where they gave one (`profile retitle`): what reasons call the paper.
      const titleOf = (p: { id: number; title: string }) => titles.get(p.id) ?? p.title;
      if (papers.length > 0) console.log(table(['id', 'title', 'venue', 'authors'], papers.map((p) => [p.id, truncate(titleOf(p), 70), venueLine(p), truncate(authorLine(p.authors, 2), 30)])));
      if (rated.length > 0) {
        console.log(`\n${table(['id', 'rating', 'title'], rated.map((p) => [p.id, found.ratings[p.id] > 0 ? 'up' : 'down', truncate(p.title, 80)]))}`);
      }
    });

  profile
    .command('list')
    .description('all profiles')
    .option('--json', 'print JSON')
    .action(function (this: Command) {
      const all = withLibrary(this, (library) => library.profileNames().map((name) => library.profile(name)!));
      if (this.opts().json) return printJson(all.map((p) => ({ name: p.name, createdAt: p.createdAt, papers: p.paperIds.length, ratings: Object.keys(p.ratings).length })));
      if (all.length === 0) return console.log('No profiles yet: `paperscout profile create NAME --from FILE`.');
      console.log(table(['name', 'papers', 'ratings', 'created'], all.map((p) => [p.name, p.paperIds.length, Object.keys(p.ratings).length, p.createdAt.slice(0, 10)])));
    });

  profile
    .command('delete')
    .description('delete a profile (its papers stay in the library)')
    .argument('<name>')
    .action(function (this: Command, name: string) {
      const deleted = withLibrary(this, (library) => library.deleteProfile(name));
      if (!deleted) throw new UserError(`no profile named "${name}"`);
      console.log(`Deleted profile ${clean(name)}.`);
    });

  profile
    .command('retitle')
    .description('give one of your papers your own title, which reasons name it by (a derived title may be its first sentence)')
    .argument('<name>', 'the profile')
    .argument('<paper>', 'paper id', (v) => parsePositiveInt(v, 'paper id'))
    .argument('[title]', 'your title for it')
    .option('--reset', 'name it by its title in the library again')
    .action(async function (this: Command, name: string, paperId: number, title: string | undefined) {
      const reset = this.opts<{ reset?: boolean }>().reset ?? false;
      if ((title === undefined) === !reset) throw new UserError('give the new title, or --reset to use the title in the library again');
      const { retitleProfilePaper } = await import('../../actions/profile.ts');
      const retitled = withLibrary(this, (library) => {
        try {
          return retitleProfilePaper(library, resolveProfile(library, name), paperId, title ?? null);
        } catch (error) {
          if (error instanceof InputError) throw new UserError(error.message);
          throw error;
        }
      });
      console.log(`${clean(name)}: [${paperId}] is now named ${clean(truncate(retitled.title, 90))}${retitled.retitled ? '' : ' (its title in the library)'}`);
    });

  program
    .command('rate')
    .description('like (up) or dislike (down) a paper, or forget the rating (clear); later rankings follow')
    .argument('<id>', 'paper id', (v) => parsePositiveInt(v, 'paper id'))
    .argument('<rating>', 'up, down or clear')
    .option('--profile <name>', 'the profile (needed when there are several)')
    .action(function (this: Command, id: number, rating: string) {
      const value = ({ up: 1, down: -1, clear: 0 } as const)[rating as 'up' | 'down' | 'clear'];
      if (value === undefined) throw new UserError(`rating must be up, down or clear, not "${rating}"`);
      const { found, paper } = withLibrary(this, (library) => {
        const found = resolveProfile(library, this.opts().profile);
        const paper = library.paper(id);
        if (!paper) throw new UserError(`no paper with id ${id}`);
        library.rate(found, id, value);
        return { found, paper };
      });
      console.log(`${clean(found.name)}: ${rating === 'clear' ? 'cleared the rating of' : `rated ${rating}`} [${id}] ${clean(truncate(paper.title, 80))}`);
      if (value !== 0) console.log(dim('Recommendations for this profile now take the rating into account.'));
    });
}
