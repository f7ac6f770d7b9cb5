// Words of scientific prose that say how a paper argues, not what it is about ("we propose",
// "results reveal", "aims to close the gap"). They are kept for scoring, where the language
// model already weighs them by their rarity, but never shown as a reason or a topic's name: a
// reader learns nothing from "shared: propose, results". Stems, as text.ts makes them.
import { stemmer } from 'stemmer';

const WORDS = [
  'ability', 'able', 'achieve', 'address', 'advance', 'aim', 'allow', 'analysis', 'analyze', 'apply', 'approach',
  'art', 'aspect', 'attempt', 'available', 'based', 'baseline', 'benefit', 'better', 'broad', 'case',
  'challenge', 'challenging', 'claim', 'close', 'code', 'common', 'compare', 'comparison', 'competitive',
  'comprehensive', 'conduct', 'consider', 'consistent', 'contribution', 'crucial', 'current', 'demonstrate',
  'derive', 'describe', 'design', 'despite', 'develop', 'different', 'difficult', 'direction', 'discuss',
  'effective', 'effectiveness', 'efficient', 'enable', 'enhance', 'ensure', 'establish', 'evaluate', 'evaluation',
  'evidence', 'examine', 'example', 'exhibit', 'existing', 'experiment', 'experimental', 'explore', 'extensive', 'fact',
  'far', 'field', 'find', 'finding', 'focus', 'framework', 'fundamental', 'gap', 'gain', 'general', 'given',
  'good', 'great', 'help', 'high', 'highly', 'however', 'idea', 'identify', 'impact', 'important', 'improve',
  'improvement', 'include', 'increase', 'insight', 'introduce', 'investigate', 'issue', 'key', 'known', 'large',
  'lead', 'leverage', 'limitation', 'limited', 'literature', 'main', 'make', 'many', 'method', 'methodology',
  'moreover', 'need', 'new', 'novel', 'number', 'observe', 'obtain', 'offer', 'order', 'outperform', 'overall',
  'paper', 'particular', 'perform', 'performance', 'point', 'possible', 'potential', 'practical', 'present',
  'previous', 'prior', 'problem', 'promising', 'propose', 'prove', 'provide', 'publicly', 'question', 'range',
  'recent', 'recently', 'reduce', 'related', 'release', 'remain', 'remarkable', 'report', 'require', 'research',
  'result', 'reveal', 'role', 'scenario', 'setting', 'several', 'show', 'significant', 'significantly',
  'simple', 'solution', 'solve', 'state', 'strong', 'study', 'substantial', 'successful', 'suggest', 'superior',
  'support', 'task', 'technique', 'therefore', 'thus', 'tool', 'towards', 'type', 'understand', 'understanding',
  'use', 'used', 'useful', 'using', 'various', 'via', 'view', 'way', 'well', 'wide', 'widely', 'work', 'yield',
];

export const FILLER_STEMS: ReadonlySet<string> = new Set(WORDS.map((word) => stemmer(word)));
