// One listing: renamed and relabelled, or removed; and the listing any command's --listing names.
import type { Command } from 'commander';
import type { Listing } from '../../types.ts';
import type { Library } from '../../library/library.ts';
import type { ListingRemoval } from '../../library/listings.ts';
import { editListing, removeListing, resolveListing, type ListingEdit } from '../../actions/listings.ts';
import { NotFoundError } from '../../actions/errors.ts';
import { withLibrary, parseYear, UserError } from '../context.ts';
import { clean, printJson } from '../format.ts';

export const LISTING_HELP = 'only papers of this listing: its name, the start of it, its id, or the file it was read from';

/** Runs `work`, saying where to look when the listing it names does not exist. */
export function withListingHint<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof NotFoundError) throw new UserError(`${error.message} (see \`paperscout listings\`)`);
    throw error;
  }
}

/** The listing a --listing option names, or a clear error saying where to look. */
export const listingOption = (library: Library, ref: string): Listing => withListingHint(() => resolveListing(library, ref));

const labelsOf = (listing: Listing) =>
  [
    ['venue', listing.venue],
    ['year', listing.year],
    ['session', listing.session],
    ['room', listing.room],
  ]
    .filter(([, value]) => value !== null)
    .map(([field, value]) => `${field} ${clean(String(value))}`)
    .join(', ');

/** How removing a listing treats its papers, in words: what is deleted, what stays and what profiles lose. */
function removalText({ listing, papers, deleted, profiles }: ListingRemoval, done: boolean): string {
  const name = `listing ${listing.id} "${clean(listing.name)}" (${papers} paper(s))`;
  const kept = papers - deleted;
  const losses = profiles.map(({ profile, papers: own, ratings }) => {
    const what = [own > 0 ? `${own} of its own papers` : '', ratings > 0 ? `${ratings} of its ratings` : ''].filter(Boolean).join(' and ');
    return `profile ${clean(profile)}: ${what}`;
  });
  if (done) {
    return [
      `Removed ${name}.`,
      deleted > 0 ? `  ${deleted} paper(s) were in no other listing: deleted from the library, with their ratings and their places in profiles.` : '',
      kept > 0 ? `  ${kept} paper(s) are also in other listings: they stay.` : '',
      ...losses.map((loss) => `  Lost by ${loss}.`),
    ]
      .filter(Boolean)
      .join('\n');
  }
  return [
    `Removing ${name} would:`,
    deleted > 0 ? `  delete the ${deleted} paper(s) in no other listing, with their ratings and their places in profiles;` : '',
    kept > 0 ? `  keep the ${kept} paper(s) also in other listings;` : '',
    ...losses.map((loss) => `  take from ${loss};`),
    'Nothing was changed: run it again without --dry-run to remove the listing.',
  ]
    .filter(Boolean)
    .join('\n');
}

const parseYearOrNone = (value: string) => (value === '' ? null : parseYear(value));

export function registerListing(program: Command): void {
  const listing = program.command('listing').description('rename, relabel or remove one listing (named by its name, the start of it, its id or its file)');

  listing
    .command('edit')
    .description("rename or relabel a listing; its papers that carry the old venue, year or session (or none) take the new one")
    .argument('<listing>', 'the listing: its name, the start of it, its id, or its file')
    .option('--name <name>', 'a new name')
    .option('--venue <venue>', 'the venue ("" clears it)')
    .option('--year <year>', 'the year ("" clears it)', parseYearOrNone)
    .option('--session <session>', 'the session ("" clears it)')
    .option('--room <room>', 'the room or hall ("" clears it)')
    .option('--json', 'print the listing as JSON')
    .action(function (this: Command, ref: string) {
      const opts = this.opts<ListingEdit & { json?: boolean }>();
      const { json, ...edit } = opts;
      const { listing: changed, relabelled } = withLibrary(this, (library) => withListingHint(() => editListing(library, ref, edit)));
      if (json) return printJson(changed);
      console.log(`Listing ${changed.id} is "${clean(changed.name)}"${labelsOf(changed) ? `: ${labelsOf(changed)}` : ', without labels'}.`);
      for (const [field, papers] of Object.entries(relabelled)) console.log(`  ${papers} of its papers took the new ${field}.`);
    });

  listing
    .command('remove')
    .description('remove a listing; papers no other listing holds are deleted, with their ratings and places in profiles')
    .argument('<listing>', 'the listing: its name, the start of it, its id, or its file')
    .option('--dry-run', 'say what removing would do, and change nothing')
    .action(function (this: Command, ref: string) {
      const dryRun = Boolean(this.opts().dryRun);
      const removal = withLibrary(this, (library) => withListingHint(() => removeListing(library, ref, { dryRun })));
      console.log(removalText(removal, !dryRun));
    });
}
