// The topics of a profile: listed, and renamed, merged, split or rearranged by the researcher.
// Topics are numbered as `topics` lists them; an edit lists them again as they now are.
import type { Command } from 'commander';
import type { ProfileTopic } from '../../actions/topics.ts';
import type { Library } from '../../library/library.ts';
import type { Profile } from '../../types.ts';
import { withLibrary, parsePositiveInt, UserError } from '../context.ts';
import { bold, clean, dim, printJson, truncate } from '../format.ts';
import { resolveProfile } from './profile.ts';
import { NotFoundError, InputError } from '../../actions/errors.ts';

function printTopics(library: Library, topics: readonly ProfileTopic[]): void {
  topics.forEach((topic, i) => {
    console.log(`${String(i + 1).padStart(3)}. ${bold(clean(topic.name))}  ${dim(`${topic.paperIds.length} paper(s)${topic.named ? `; key words: ${topic.keywords.join(', ')}` : ''}`)}`);
    for (const paper of library.papersById(topic.paperIds)) console.log(`       [${paper.id}] ${clean(truncate(paper.title, 90))}`);
  });
}

type TopicActions = typeof import('../../actions/topics.ts');
type TopicsAction = (actions: TopicActions, library: Library, profile: Profile, topics: readonly ProfileTopic[], args: string[]) => ProfileTopic[];

/** Runs an edit on the topics of the --profile (or only) profile and lists the result. */
function topicsCommand(command: Command, args: string[], edit?: TopicsAction): Promise<void> {
  const opts = command.optsWithGlobals<{ profile?: string; json?: boolean }>();
  return withLibrary(command, async (library) => {
    // Loaded here, not at start-up: the engine is needed by these commands only.
    const actions = await import('../../actions/topics.ts');
    const profile = resolveProfile(library, opts.profile);
    let topics = actions.profileTopics(library, profile);
    try {
      if (edit) topics = edit(actions, library, profile, topics, args);
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof InputError) throw new UserError(error.message);
      throw error;
    }
    if (opts.json) return printJson(topics);
    printTopics(library, topics);
  });
}

/** The key of topic number `n` as `topics` lists them. */
function keyOf(topics: readonly ProfileTopic[], n: string): string {
  const number = parsePositiveInt(n, 'topic number');
  if (number > topics.length) throw new UserError(`no topic ${number}: the profile has ${topics.length}`);
  return topics[number - 1].key;
}

export function registerTopics(program: Command): void {
  const topics = program
    .command('topics')
    .description("the topics of a profile, which recommendations cover in proportion to their size")
    .option('--profile <name>', 'the profile (needed when there are several)')
    .option('--json', 'print JSON')
    .action(function (this: Command) {
      return topicsCommand(this, []);
    });
  const edits: [string, string, string, TopicsAction][] = [
    ['rename', '<topic> <name>', 'give a topic your own name', (a, library, profile, list, [n, name]) => a.renameTopic(library, profile, keyOf(list, n), name)],
    ['merge', '<into> <from>', 'move the papers of topic <from> into topic <into>', (a, library, profile, list, [into, from]) => a.mergeTopics(library, profile, keyOf(list, into), keyOf(list, from))],
    ['split', '<topic>', 'split a topic in two', (a, library, profile, list, [n]) => a.splitTopic(library, profile, keyOf(list, n))],
    [
      'move',
      '<paper> <topic>',
      'move one of your papers to a topic (a number, or "new" for a topic of its own)',
      (a, library, profile, list, [paper, n]) => a.moveToTopic(library, profile, parsePositiveInt(paper, 'paper id'), n === 'new' ? undefined : keyOf(list, n)),
    ],
  ];
  for (const [name, args, description, edit] of edits) {
    topics
      .command(`${name} ${args}`)
      .description(description)
      .action(function (this: Command, ...values: unknown[]) {
        return topicsCommand(this, values.slice(0, -2) as string[], edit);
      });
  }
}
