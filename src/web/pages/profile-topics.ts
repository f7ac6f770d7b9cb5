// The profile's topics on its page: each with its name or key words and its papers, to rename,
// merge into another, split in two, and to move one's own papers between. Every edit answers
// with the topics as they now are (their keys change), which are shown again.
import { api, describeError, type ProfileTopic } from '../api.ts';
import { announce, errorBox } from '../components.ts';
import { count, h, hashLink, replaceChildren } from '../dom.ts';

export interface TopicPapers {
  /** The title each paper goes by: the researcher's own where they gave one. */
  titleOf(paperId: number): string;
  /** Whether it is one of the profile's own papers (a liked paper can be in a topic, not moved). */
  isOwn(paperId: number): boolean;
}

/** A labelled control and its button, in one small form whose submit runs `act`. */
function actionForm(className: string, label: string, control: HTMLInputElement | HTMLSelectElement, button: string, act: () => void): HTMLFormElement {
  return h(
    'form',
    {
      class: `topic-action ${className}`,
      on: {
        submit: (event) => {
          event.preventDefault();
          act();
        },
      },
    },
    h('label', { for: control.id }, label),
    control,
    h('button', { type: 'submit' }, button),
  );
}

/**
 * The topics section. `onChange` runs after an edit is stored: the rankings follow the topics.
 * `show` draws the topics given (those of a fresh read, or of an edit's answer).
 */
export function topicsSection(profile: string, papers: TopicPapers, onChange: () => void): { element: HTMLElement; show(topics: readonly ProfileTopic[]): void; failed(error: unknown): void } {
  const message = h('div', { id: 'topic-message', 'aria-live': 'polite' });
  const list = h('div', { id: 'topic-list' }, h('p', { class: 'loading muted' }, 'Finding your topics…'));
  let shown: readonly ProfileTopic[] = [];

  const edit = async (done: string, work: Promise<{ topics: ProfileTopic[] }>, focusKey?: (topics: readonly ProfileTopic[]) => string | undefined) => {
    replaceChildren(message);
    try {
      const { topics } = await work;
      show(topics);
      announce(done);
      const key = focusKey?.(topics);
      (key ? list.querySelector<HTMLElement>(`li[data-topic-key="${key}"] .topic-name`) : list.querySelector<HTMLElement>('.topic-name'))?.focus();
      onChange();
    } catch (error) {
      replaceChildren(message, errorBox(describeError(error)));
    }
  };

  const otherTopics = (topic: ProfileTopic) => shown.filter((other) => other !== topic);

  const topicItem = (topic: ProfileTopic, index: number): HTMLLIElement => {
    const id = (what: string) => `topic-${index}-${what}`;
    const others = otherTopics(topic);
    const rename = h('input', { id: id('name'), name: 'name', value: topic.name, maxlength: '200', required: true, autocomplete: 'off' });
    const merge = h('select', { id: id('merge'), name: 'from' }, others.map((other) => h('option', { value: other.key }, other.name)));
    // Only the researcher's own papers are theirs to move: a liked paper goes where it is closest.
    const movable = topic.paperIds.filter((paperId) => papers.isOwn(paperId));
    const paper = h('select', { id: id('paper'), name: 'paper' }, movable.map((paperId) => h('option', { value: paperId }, papers.titleOf(paperId))));
    const destination = h(
      'select',
      { id: id('to'), name: 'to' },
      others.map((other) => h('option', { value: other.key }, other.name)),
      topic.paperIds.length > 1 ? h('option', { value: '' }, 'a new topic of its own') : null,
    );
    const moveTo = (paperId: number) => (topics: readonly ProfileTopic[]) => topics.find((t) => t.paperIds.includes(paperId))?.key;
    return h(
      'li',
      { class: 'topic', 'data-topic-key': topic.key },
      h('h3', { class: 'topic-name', tabindex: '-1' }, topic.name, h('span', { class: 'muted topic-size' }, ` · ${count(topic.paperIds.length, 'paper')}`)),
      h('p', { class: 'topic-keywords muted' }, topic.named ? 'Key words: ' : 'Named by its key words: ', topic.keywords.join(', ')),
      h(
        'ul',
        { class: 'topic-papers' },
        topic.paperIds.map((paperId) =>
          h('li', { 'data-paper-id': paperId }, h('a', { href: hashLink(`paper/${paperId}`) }, papers.titleOf(paperId)), papers.isOwn(paperId) ? null : h('span', { class: 'badge muted' }, 'liked')),
        ),
      ),
      h(
        'details',
        { class: 'topic-edit' },
        h('summary', null, 'Edit this topic'),
        actionForm('rename', 'Name', rename, 'Rename', () => {
          void edit('Topic renamed.', api.renameTopic(profile, topic.key, rename.value), (topics) => topics.find((t) => t.paperIds[0] === topic.paperIds[0])?.key);
        }),
        others.length > 0
          ? actionForm('merge', 'Merge in topic', merge, 'Merge', () => {
              void edit('Topics merged.', api.mergeTopics(profile, topic.key, merge.value), moveTo(topic.paperIds[0]));
            })
          : null,
        movable.length > 0 && destination.options.length > 0
          ? h(
              'form',
              {
                class: 'topic-action move',
                on: {
                  submit: (event) => {
                    event.preventDefault();
                    const paperId = Number(paper.value);
                    void edit('Paper moved.', api.moveToTopic(profile, paperId, destination.value || null), moveTo(paperId));
                  },
                },
              },
              h('label', { for: paper.id }, 'Move'),
              paper,
              h('label', { for: destination.id }, 'to'),
              destination,
              h('button', { type: 'submit' }, 'Move'),
            )
          : null,
        topic.paperIds.length > 1
          ? h('button', { type: 'button', class: 'split', on: { click: () => void edit('Topic split in two.', api.splitTopic(profile, topic.key)) } }, 'Split in two')
          : null,
      ),
    );
  };

  const show = (topics: readonly ProfileTopic[]) => {
    shown = topics;
    replaceChildren(list, topics.length === 0 ? h('p', { class: 'empty' }, 'No topics yet: add your papers first.') : h('ol', { class: 'topics' }, topics.map(topicItem)));
  };

  const element = h(
    'section',
    { id: 'topics', 'aria-labelledby': 'topics-title' },
    h('h2', { id: 'topics-title' }, 'Your topics'),
    h('p', { class: 'muted' }, 'Your papers, and those you liked, grouped by what they are about. Recommendations cover every topic, in proportion to its size. Name, merge or split them, or move a paper where it belongs.'),
    message,
    list,
  );
  return { element, show, failed: (error) => replaceChildren(list, errorBox(describeError(error))) };
}
