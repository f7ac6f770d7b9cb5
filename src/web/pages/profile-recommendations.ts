// The profile's recommendations: one list mixing its topics, or one lane per topic. A paper the
// researcher rates stays where it was, marked, with an undo, while the papers around it are
// ranked again with the rating.
import { api, describeError, type Filter, type ProfileSummary, type ProfileTopic, type Recommendation, type RecommendResult } from '../api.ts';
import { errorBox, loading, matchScale, paperCard, patiently, ratePaper, ratingButtons, reasonList } from '../components.ts';
import { count, h, replaceChildren } from '../dom.ts';

const MIXED = 20;
/** Each lane is a short list: several sit side by side. */
const LANE = 5;

export interface RecommendationsOptions {
  profile: string;
  filter: Filter;
  lanes: boolean;
  /** The profile's ratings, by paper id, kept up to date here. */
  ratings: Map<number, 1 | -1>;
  signal: AbortSignal;
  /** After a rating (or its undo) is stored: the profile as it now is. */
  onRated(summary: ProfileSummary): void;
}

/** A paper rated on this page, kept in its list where it was. */
interface Pinned {
  slot: number;
  recommendation: Recommendation;
}

const RATED_MARKS = { 1: 'You liked this: papers like it move up.', [-1]: 'Less like this: papers like it move down.' } as const;

/** The ranked papers of one list, with the papers rated on this page put back in their places. */
function withPinned(ranked: readonly Recommendation[], pinned: ReadonlyMap<number, Pinned>): Recommendation[] {
  const shown = ranked.filter((rec) => !pinned.has(rec.paper.id));
  for (const pin of [...pinned.values()].sort((a, b) => a.slot - b.slot)) shown.splice(Math.min(pin.slot, shown.length), 0, pin.recommendation);
  return shown;
}

export function recommendationsView(options: RecommendationsOptions): { element: HTMLElement; refresh(): Promise<void> } {
  const { profile, ratings } = options;
  const status = loading('Ranking papers for you…');
  const element = h('div', { id: 'recommendations', class: options.lanes ? 'by-topic' : 'mixed' }, status);
  /** Per list (`mixed`, or a lane's topic key), the papers rated in it on this page. */
  const pinned = new Map<string, Map<number, Pinned>>();
  let topicNames = new Map<string, string>();

  const rate = async (list: string, recommendation: Recommendation, slot: number, rating: 1 | -1 | 0, summary: ProfileSummary) => {
    const id = recommendation.paper.id;
    const pins = pinned.get(list) ?? new Map<number, Pinned>();
    pinned.set(list, pins);
    // Focus goes back to the button of the rating given, or of the one undone.
    const pressed = rating || ratings.get(id) || 1;
    if (rating === 0) {
      ratings.delete(id);
      pins.delete(id);
    } else {
      ratings.set(id, rating);
      pins.set(id, { slot, recommendation });
    }
    options.onRated(summary);
    await refresh({ list, id, button: pressed > 0 ? '.rate.up' : '.rate.down' });
  };

  const card = (list: string, recommendation: Recommendation, slot: number, showTopic: boolean): HTMLLIElement => {
    const id = recommendation.paper.id;
    const rating = ratings.get(id) ?? 0;
    const item = paperCard(recommendation.paper, {
      badge: `${recommendation.match.strength} match`,
      extra: [
        showTopic && recommendation.topic ? h('p', { class: 'topic-of muted' }, 'For your topic ', h('strong', null, topicNames.get(recommendation.topic) ?? '')) : null,
        reasonList(recommendation.reasons),
        rating === 0
          ? null
          : h(
              'p',
              { class: 'rated-mark' },
              RATED_MARKS[rating],
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'undo',
                  on: {
                    click: async (event) => {
                      const button = event.currentTarget as HTMLButtonElement;
                      button.disabled = true;
                      try {
                        await rate(list, recommendation, slot, 0, await ratePaper(profile, id, 0));
                      } catch (error) {
                        button.replaceWith(errorBox(describeError(error)));
                      }
                    },
                  },
                },
                'Undo',
              ),
            ),
        ratingButtons(profile, id, rating, (value, summary) => void rate(list, recommendation, slot, value, summary)),
      ],
    });
    if (rating !== 0) item.classList.add('rated', rating > 0 ? 'liked' : 'disliked');
    return item;
  };

  const rankedList = (list: string, ranked: readonly Recommendation[], showTopic: boolean, compact = false) =>
    h(
      'ol',
      { class: compact ? 'papers compact' : 'papers', 'data-list': list },
      withPinned(ranked, pinned.get(list) ?? new Map()).map((rec, slot) => card(list, rec, slot, showTopic)),
    );

  const lanes = (result: RecommendResult, topics: readonly ProfileTopic[]) =>
    h(
      'div',
      { class: 'lanes' },
      (result.lanes ?? []).map((lane, index) =>
        h(
          'section',
          { class: 'lane', 'data-topic-key': lane.topic, 'aria-labelledby': `lane-${index}` },
          h('h3', { id: `lane-${index}`, class: 'lane-title' }, topicNames.get(lane.topic) ?? lane.topic, h('span', { class: 'muted' }, ` · ${count(topics.find((t) => t.key === lane.topic)?.paperIds.length ?? 0, 'paper')}`)),
          lane.recommendations.length === 0 ? h('p', { class: 'empty' }, 'Nothing close to this topic here.') : rankedList(lane.topic, lane.recommendations, false, true),
        ),
      ),
    );

  /** Ranks again; focus returns to the control the reader used, on the paper they rated. */
  const refresh = async (focus?: { list: string; id: number; button: string }) => {
    try {
      const limit = options.lanes ? LANE : MIXED;
      const result = await patiently(api.recommend(profile, { ...options.filter, limit, byTopic: options.lanes }, options.signal), status);
      topicNames = new Map(result.topics.map((topic) => [topic.key, topic.name]));
      const empty = options.lanes ? (result.lanes ?? []).every((lane) => lane.recommendations.length === 0) : result.recommendations.length === 0;
      replaceChildren(
        element,
        empty ? h('p', { class: 'empty' }, 'Nothing to recommend with these filters.') : matchScale(),
        options.lanes ? lanes(result, result.topics) : rankedList('mixed', result.recommendations, result.topics.length > 1),
        result.yours.length > 0
          ? h(
              'details',
              { class: 'yours' },
              h('summary', null, `Your own work among these, not recommended (${result.yours.length})`),
              h('ul', { class: 'papers compact' }, result.yours.map((y) => paperCard(y.paper, { badge: 'yours' }))),
            )
          : null,
      );
      if (focus) {
        const item = element.querySelector<HTMLElement>(`ol[data-list="${focus.list}"] > li[data-paper-id="${focus.id}"]`);
        (item?.querySelector<HTMLElement>(`button${focus.button}`) ?? item?.querySelector<HTMLElement>('.paper-title a'))?.focus();
      }
    } catch (error) {
      if (!options.signal.aborted) replaceChildren(element, errorBox(describeError(error)));
    }
  };
  return { element, refresh: () => refresh() };
}
