// A hash table from 32-bit unsigned keys to numbers, on typed arrays, for paperscout's three
// tables of millions of integer keys: sketch values to their posting lists (library/versions.ts),
// a profile's term ids to their weights (engine/score.ts), and word pairs to their counts
// (engine/cooccurrence.ts). A Map boxes keys above 2^30 and holds an entry in several times the
// memory: looking sketch values up was three times slower, and 95,000 abstracts have tens of
// millions of word pairs. Hand-written because no npm package has an open-addressing table of
// integers on typed arrays (mnemonist's SparseMap needs keys below a small universe size).

type Values = Uint32Array | Float32Array;

/** Marks a free slot; the key of that number is kept beside the slots. */
const FREE = 0xffffffff;

/**
 * A key's home slot is its low bits times an odd number (2^32 / the golden ratio): that keeps
 * neighbouring keys (term ids) apart, so a key that is not in the table meets no long run of
 * occupied slots. Keys that agree on all the bits of a slot number share a home slot: the keys
 * here (term ids, word-pair numbers, hash values) differ in their low bits.
 */
const hash = (key: number) => Math.imul(key, 0x9e3779b1);

/**
 * Numbers by uint32 key, 0 for a key never added (a sparse vector): callers that map keys to
 * indexes store an index plus one. Open addressing with linear probing. Iteration follows the
 * slots, which follow from the keys and the order they came in: the same keys added in the same
 * order are visited in the same order, so sums over them come out the same on every run.
 */
export class Uint32HashTable<V extends Values> {
  private keys: Uint32Array;
  private values: V;
  private count = 0;
  private limit: number;
  /** The key FREE and its value, which no slot can hold. */
  private freeKeyAdded = false;
  private freeKeyValue = 0;

  /**
   * `makeValues` makes a value array (its type is the values' type). The table starts with
   * `slots` slots, a power of two, and doubles when more than `maxLoad` of them are taken: a
   * lower load ends probes sooner, a higher one takes less memory.
   */
  constructor(
    private readonly makeValues: (size: number) => V,
    slots = 1 << 16,
    private readonly maxLoad = 0.5,
  ) {
    if (!Number.isInteger(Math.log2(slots))) throw new RangeError(`a hash table's slots are a power of two, not ${slots}`);
    this.keys = new Uint32Array(slots).fill(FREE);
    this.values = makeValues(slots);
    this.limit = Math.floor(slots * maxLoad);
  }

  /** How many keys were added. */
  get size(): number {
    return this.count + (this.freeKeyAdded ? 1 : 0);
  }

  /** The key's value, 0 if it was never added. */
  get(key: number): number {
    if (key === FREE) return this.freeKeyValue;
    const { keys } = this;
    const mask = keys.length - 1;
    let slot = hash(key) & mask;
    while (keys[slot] !== key && keys[slot] !== FREE) slot = (slot + 1) & mask;
    return keys[slot] === FREE ? 0 : this.values[slot];
  }

  /** Adds `amount` to the key's value (0 if it was never added). */
  add(key: number, amount: number): void {
    this.update(key, amount, true);
  }

  /** Makes `value` the key's value. */
  set(key: number, value: number): void {
    this.update(key, value, false);
  }

  private update(key: number, amount: number, adding: boolean): void {
    if (key === FREE) {
      this.freeKeyAdded = true;
      this.freeKeyValue = adding ? this.freeKeyValue + amount : amount;
      return;
    }
    const { keys, values } = this;
    const mask = keys.length - 1;
    let slot = hash(key) & mask;
    while (keys[slot] !== key && keys[slot] !== FREE) slot = (slot + 1) & mask;
    if (keys[slot] === key) {
      values[slot] = adding ? values[slot] + amount : amount;
      return;
    }
    keys[slot] = key;
    values[slot] = amount;
    if (++this.count > this.limit) this.grow();
  }

  /** Visits every key added and its value, in the table's order (see the class's comment). */
  forEach(visit: (key: number, value: number) => void): void {
    const { keys, values } = this;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== FREE) visit(keys[slot], values[slot]);
    if (this.freeKeyAdded) visit(FREE, this.freeKeyValue);
  }

  private grow(): void {
    const { keys, values } = this;
    const size = keys.length * 2;
    this.keys = new Uint32Array(size).fill(FREE);
    this.values = this.makeValues(size);
    this.limit = Math.floor(size * this.maxLoad);
    const mask = size - 1;
    for (let old = 0; old < keys.length; old++) {
      if (keys[old] === FREE) continue;
      let slot = hash(keys[old]) & mask;
      while (this.keys[slot] !== FREE) slot = (slot + 1) & mask;
      this.keys[slot] = keys[old];
      this.values[slot] = values[old];
    }
  }
}
