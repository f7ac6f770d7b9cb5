// The digest: papers new to the library since the profile's last digest, ranked for it, each
// work once, as Markdown, a mailable HTML file or an Atom feed.
import type { Command } from 'commander';
import type { Digest } from '../../actions/digest.ts';
import { withLibrary, parsePositiveInt, UserError } from '../context.ts';
import { clean, printJson } from '../format.ts';
import { writeFileAtomically } from '../out-file.ts';
import { resolveProfile } from './profile.ts';
import { indexingProgress } from './recommend.ts';

const FORMATS = ['md', 'html', 'atom'] as const;
type Format = (typeof FORMATS)[number];

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description("the papers that arrived since the profile's last digest, ranked for it with reasons, each paper (and its other versions) shown once")
    .option('--profile <name>', 'the profile (needed when there are several)')
    .option('--since <when>', 'last (since the last digest) or a date, e.g. 2026-05-01: the papers first listed since then', 'last')
    .option('--limit <n>', 'at most this many papers', (v) => parsePositiveInt(v, '--limit'), 20)
    .option('--format <format>', `${FORMATS.join(', ')} (atom: the feed of the latest digests, this one first)`, 'md')
    .option('--out <file>', 'write to a file (whole or not at all) instead of standard output')
    .option('--dry-run', 'show the digest without recording it: its papers stay new for the next one')
    .option('--json', 'print the digest as JSON')
    .action(async function (this: Command) {
      const opts = this.opts<{ profile?: string; since: string; limit: number; format: string; out?: string; dryRun?: boolean; json?: boolean }>();
      if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UserError(`unknown --format "${clean(opts.format)}"; one of: ${FORMATS.join(', ')}`);
      const format = opts.format as Format;
      const { digest, latestDigests, sinceInstant, FEED_DIGESTS } = await import('../../actions/digest.ts');
      // Checked before the library is opened and indexed.
      sinceInstant(opts.since);
      const { digestMarkdown } = await import('../../export/digest-markdown.ts');
      const { digestHtml } = await import('../../export/digest-html.ts');
      const { digestAtom } = await import('../../export/digest-atom.ts');
      const indexing = await indexingProgress();
      const { made, text } = withLibrary(this, (library) => {
        const profile = resolveProfile(library, opts.profile);
        indexing(library);
        const made = digest(library, profile.name, { since: opts.since, limit: opts.limit, record: !opts.dryRun, format: opts.json ? 'json' : format });
        const feed = (): Digest[] => [made, ...latestDigests(library, profile.name, FEED_DIGESTS).filter((earlier) => earlier.id !== made.id)].slice(0, FEED_DIGESTS);
        const text = opts.json
          ? undefined
          : format === 'md'
            ? digestMarkdown(made)
            : format === 'html'
              ? digestHtml(made)
              : digestAtom(feed(), { profile: profile.name, scope: library.file, updatedWhenEmpty: profile.createdAt });
        return { made, text };
      });
      const note = opts.dryRun ? ' (a preview: nothing recorded)' : '';
      if (opts.json) return printJson(made);
      if (opts.out) {
        writeFileAtomically(opts.out, text!);
        console.error(`${clean(made.profile)}: ${made.entries.length} paper(s) of ${made.candidates} new, written to ${clean(opts.out)}${note}`);
      } else {
        process.stdout.write(text!);
        if (note) console.error(`paperscout:${note}`);
      }
    });
}
