// Words that say nothing about what a paper is about. Two lists: ordinary English function words,
// and the boilerplate of scientific abstracts ("we propose a novel approach that outperforms
// state-of-the-art methods"), which appears in every field and would otherwise make unrelated
// papers look alike. They are matched as written (lower-cased), not after stemming: the stem of a
// boilerplate word can be a topic word ("effective" and "effect" share the stem "effect").

const ENGLISH = `
a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at be because been before being below between both but by
can cannot could did do does doing done down during each either else enough etc even ever every
few for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just least less let like may me might more most much must my myself neither no nor
not now of off often on once one only onto or other others otherwise our ours ourselves out over own
per perhaps quite rather same she should since so some such than that the their theirs them
themselves then there these they this those though through throughout thus to too toward towards
under until up upon us very via was we were what whatever when where whereas whether which while who
whom whose why will with within without would yet you your yours yourself yourselves
et al vs cf
`;

const SCIENTIFIC_BOILERPLATE = `
paper papers article propose proposed present presents presented introduce introduced show shows
shown demonstrate demonstrated result results approach approaches method methods novel new existing
experiment experiments experimental outperform outperforms state-of-the-art state-of-art significantly
significant effectiveness effective achieve achieves achieved based using use used uses well
furthermore moreover however therefore hence addition additionally work works study studies
investigate provide provides various several different recent recently first finally respectively
extensive extensively evaluate evaluated compared comparison competitive superior promising
improve improves improved improvement improvements obtain obtained demonstrates able allow allows
enable enables make makes made take takes given give gives particular particularly specifically
conduct conducted available publicly
`;

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

/** Stop words, lower-cased as written. */
export const STOP_WORDS: readonly string[] = [...words(ENGLISH), ...words(SCIENTIFIC_BOILERPLATE)];
