// Truncated SVD of a large sparse matrix (randomized, Halko, Martinsson & Tropp 2011), on typed
// arrays. Hand-written because no JavaScript package does it: the linear-algebra packages on npm
// (ml-matrix, numeric) offer only a full dense SVD, which for a 30,000 x 30,000 PPMI matrix would
// need 7 GB and hours; the randomized method needs a few products of the sparse matrix with a thin
// dense one and an eigen-decomposition of a few hundred rows.

/** A sparse matrix in compressed-row form. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** Row i's entries are at rowStart[i] .. rowStart[i + 1] - 1 of colIndex and values. */
  rowStart: Uint32Array;
  colIndex: Uint32Array;
  values: Float32Array;
}

/** A dense matrix stored row by row: element (i, j) is data[i * cols + j]. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

function dense(rows: number, cols: number): DenseMatrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** A seeded generator (mulberry32), so a model built twice from the same corpus is the same. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussianMatrix(rows: number, cols: number, random: () => number): DenseMatrix {
  const m = dense(rows, cols);
  for (let i = 0; i < m.data.length; i += 2) {
    // Box-Muller: two normal draws from two uniform ones.
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    m.data[i] = radius * Math.cos(angle);
    if (i + 1 < m.data.length) m.data[i + 1] = radius * Math.sin(angle);
  }
  return m;
}

/** A X, with A sparse (r x c) and X dense (c x k). */
export function multiply(a: CsrMatrix, x: DenseMatrix): DenseMatrix {
  const k = x.cols;
  const y = dense(a.rows, k);
  const xs = x.data;
  const ys = y.data;
  for (let i = 0; i < a.rows; i++) {
    const out = i * k;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const v = a.values[p];
      const from = a.colIndex[p] * k;
      for (let t = 0; t < k; t++) ys[out + t] += v * xs[from + t];
    }
  }
  return y;
}

/** Aᵀ X, with A sparse (r x c) and X dense (r x k). */
export function multiplyTransposed(a: CsrMatrix, x: DenseMatrix): DenseMatrix {
  const k = x.cols;
  const y = dense(a.cols, k);
  const xs = x.data;
  const ys = y.data;
  for (let i = 0; i < a.rows; i++) {
    const from = i * k;
    for (let p = a.rowStart[i]; p < a.rowStart[i + 1]; p++) {
      const v = a.values[p];
      const out = a.colIndex[p] * k;
      for (let t = 0; t < k; t++) ys[out + t] += v * xs[from + t];
    }
  }
  return y;
}

/**
 * out[j] = x · row j, for `out.length` rows of x's length laid end to end in `rows`. Four rows per
 * sweep of x: four independent sums keep the processor busy where one sum waits on each
 * addition, and each value of x loaded serves four rows (several times faster). Each sum still
 * runs over the positions in order, so every product is exactly the plain loop's. Doubles only:
 * a kernel that also met Float32Arrays ran 30% slower for both.
 */
export function dotsWithRows(x: Float64Array, rows: Float64Array, out: Float64Array): void {
  const n = x.length;
  const count = out.length;
  let j = 0;
  for (; j + 3 < count; j += 4) {
    const o0 = j * n;
    const o1 = o0 + n;
    const o2 = o1 + n;
    const o3 = o2 + n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      s0 += v * rows[o0 + i];
      s1 += v * rows[o1 + i];
      s2 += v * rows[o2 + i];
      s3 += v * rows[o3 + i];
    }
    out[j] = s0;
    out[j + 1] = s1;
    out[j + 2] = s2;
    out[j + 3] = s3;
  }
  for (; j < count; j++) {
    let sum = 0;
    for (let i = 0, o = j * n; i < n; i++) sum += x[i] * rows[o + i];
    out[j] = sum;
  }
}

/** XᵀX for a tall X (n x k, n = 20,000+ terms, k = 270): a k x k matrix, from dot products of X's columns. */
function gram(x: DenseMatrix): Float64Array {
  const { rows: n, cols: k, data } = x;
  const columns = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let a = 0; a < k; a++) columns[a * n + i] = data[i * k + a];
  const g = new Float64Array(k * k);
  // Row a of the upper triangle: column a with columns a..k-1.
  for (let a = 0; a < k; a++) dotsWithRows(columns.subarray(a * n, (a + 1) * n), columns.subarray(a * n), g.subarray(a * k + a, (a + 1) * k));
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) g[a * k + b] = g[b * k + a];
  return g;
}

/**
 * Upper-triangular R with RᵀR = G. A column whose pivot vanishes (X had dependent columns)
 * gets a zero row, so the matching column of Q comes out zero instead of NaN.
 */
function cholesky(g: Float64Array, k: number): Float64Array {
  const r = new Float64Array(k * k);
  const scale = Math.max(...Array.from({ length: k }, (_, i) => g[i * k + i]));
  for (let i = 0; i < k; i++) {
    let d = g[i * k + i];
    for (let p = 0; p < i; p++) d -= r[p * k + i] * r[p * k + i];
    if (d <= scale * 1e-13) continue;
    const rii = Math.sqrt(d);
    r[i * k + i] = rii;
    for (let j = i + 1; j < k; j++) {
      let s = g[i * k + j];
      for (let p = 0; p < i; p++) s -= r[p * k + i] * r[p * k + j];
      r[i * k + j] = s / rii;
    }
  }
  return r;
}

/** The inverse of an upper-triangular R (zero rows and columns where R's pivot is zero). */
function invertUpper(r: Float64Array, k: number): Float64Array {
  const inv = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    if (r[j * k + j] === 0) continue;
    inv[j * k + j] = 1 / r[j * k + j];
    for (let i = j - 1; i >= 0; i--) {
      if (r[i * k + i] === 0) continue;
      let s = 0;
      for (let p = i + 1; p <= j; p++) s += r[i * k + p] * inv[p * k + j];
      inv[i * k + j] = -s / r[i * k + i];
    }
  }
  return inv;
}

/** X := X R⁻¹ for upper-triangular R, four rows at a time. */
function solveRows(x: DenseMatrix, r: Float64Array): void {
  const { rows: n, cols: k, data } = x;
  const inv = invertUpper(r, k);
  const out = new Float64Array(4 * k);
  for (let i0 = 0; i0 < n; i0 += 4) {
    const m = Math.min(4, n - i0);
    out.fill(0);
    for (let p = 0; p < k; p++) {
      const x0 = data[i0 * k + p];
      const x1 = m > 1 ? data[(i0 + 1) * k + p] : 0;
      const x2 = m > 2 ? data[(i0 + 2) * k + p] : 0;
      const x3 = m > 3 ? data[(i0 + 3) * k + p] : 0;
      const row = p * k;
      for (let j = p; j < k; j++) {
        const v = inv[row + j];
        out[j] += x0 * v;
        out[k + j] += x1 * v;
        out[2 * k + j] += x2 * v;
        out[3 * k + j] += x3 * v;
      }
    }
    data.set(out.subarray(0, m * k), i0 * k);
  }
}

/**
 * Orthonormalizes the columns of a tall X in place by Cholesky QR. One pass is fast but
 * leaves X slightly off orthogonal when it is ill-conditioned, which is harmless while the
 * range is still being sharpened; a second pass (Yamamoto et al. 2015, "CholeskyQR2")
 * restores orthogonality where it matters.
 */
export function orthonormalize(x: DenseMatrix, passes = 1): DenseMatrix {
  for (let pass = 0; pass < passes; pass++) solveRows(x, cholesky(gram(x), x.cols));
  return x;
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Returns the
 * eigenvalues in decreasing order and the eigenvectors as the columns of `vectors`.
 */
export function symmetricEigen(m: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const sq = a[i * n + j] * a[i * n + j];
        total += sq;
        if (i !== j) off += sq;
      }
    }
    if (off <= total * 1e-24) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x]);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  for (let row = 0; row < n; row++) order.forEach((col, k) => (vectors[row * n + k] = v[row * n + col]));
  return { values, vectors };
}

export interface SvdOptions {
  rank: number;
  /** Extra random directions beyond `rank`, which make the leading ones accurate. */
  oversample?: number;
  /** Rounds of A Aᵀ applied to the sketch, sharpening it where singular values decay slowly. */
  powerIterations?: number;
  seed?: number;
}

/**
 * The leading `rank` singular values of A and its left singular vectors (as the columns of
 * `u`, rows x rank), by randomized range finding with power iterations.
 */
export function truncatedSvd(a: CsrMatrix, options: SvdOptions): { u: DenseMatrix; singularValues: Float64Array } {
  const rank = Math.min(options.rank, a.rows, a.cols);
  const width = Math.min(rank + (options.oversample ?? 16), a.rows, a.cols);
  const random = seededRandom(options.seed ?? 1);
  let q = orthonormalize(multiply(a, gaussianMatrix(a.cols, width, random)));
  for (let i = 0; i < (options.powerIterations ?? 1); i++) {
    q = orthonormalize(multiply(a, orthonormalize(multiplyTransposed(a, q))));
  }
  orthonormalize(q);
  // B = Qᵀ A is small (width x cols); B Bᵀ = Qᵀ A Aᵀ Q gives its left singular vectors.
  const bt = multiplyTransposed(a, q);
  const { values, vectors } = symmetricEigen(gram(bt), width);
  const u = dense(a.rows, rank);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < rank; k++) {
      let s = 0;
      for (let j = 0; j < width; j++) s += q.data[i * width + j] * vectors[j * width + k];
      u.data[i * rank + k] = s;
    }
  }
  const singularValues = Float64Array.from(values.subarray(0, rank), (x) => Math.sqrt(Math.max(0, x)));
  return { u, singularValues };
}

/**
 * Writes a vector as int8 into `out` at `offset`, x ≈ scale · q with q in -127..127, and returns
 * the scale: the largest magnitude maps to 127, so each vector keeps its own full range.
 */
export function quantizeInt8(vector: ArrayLike<number>, out: Int8Array, offset: number): number {
  let max = 0;
  for (let k = 0; k < vector.length; k++) max = Math.max(max, Math.abs(vector[k]));
  for (let k = 0; k < vector.length; k++) out[offset + k] = max > 0 ? Math.round((vector[k] / max) * 127) : 0;
  return max / 127;
}
