// Lays out the map of LIBRARY in a fresh process, for bench:map's layout time and peak RSS:
//
//   node --import tsx bench/map-build.ts LIBRARY
//
// The feature index is loaded first (it is there already on a server); prints one JSON line (MapBuildTimes).
import { Library } from '../src/library/library.ts';
import { libraryFeatures } from '../src/actions/library-features.ts';
import { buildLibraryMap } from '../src/actions/library-map.ts';

export interface MapBuildTimes {
  papers: number;
  regions: number;
  loadIndexMs: number;
  layoutMs: number;
  /** Its CPU time, which the other processes on the machine inflate less than wall time. */
  layoutCpuMs: number;
  peakRssMiB: number;
}

const file = process.argv[2];
if (!file) throw new Error('usage: map-build.ts LIBRARY');
const library = Library.open(file);
try {
  const loading = performance.now();
  libraryFeatures(library);
  const loadIndexMs = performance.now() - loading;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const summary = buildLibraryMap(library);
  const used = process.cpuUsage(cpu);
  const times: MapBuildTimes = {
    papers: summary.papers,
    regions: summary.regions,
    loadIndexMs,
    layoutMs: performance.now() - started,
    layoutCpuMs: (used.user + used.system) / 1000,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(times));
} finally {
  library.close();
}
