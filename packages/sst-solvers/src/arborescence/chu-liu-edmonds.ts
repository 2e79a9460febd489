// Chu–Liu/Edmonds: the maximum arborescence rooted at node 0 (the hard sample of the SMT).
//
// Dense variant in O(L²) per item: the current (contracted) graph lives in an L×L matrix of reduced
// scores, a contracted cycle reuses one member's slot, and each contraction of a cycle C touches
// only the rows and columns of C (O(L·|C|)); since Σ(|C| − 1) ≤ L − 1, all contractions together
// cost O(L²), like the initial best-incoming pass. Cycles are found by walking best-incoming
// pointers along one path (Tarjan's scheme), so every node is walked O(1) times between
// contractions of its own path.
//
// Single root: arc weights become pairs (−[head is the root], score) compared lexicographically,
// which is still a totally ordered group, so CLE stays exact and returns the best tree among those
// with the fewest root children, i.e. exactly one. A root arc's first component never changes
// under contraction (cycles never contain the root), so the pair reduces to a rule: a node takes
// a root arc only when no other node is left to take an arc from. No big-constant penalty, hence
// no rounding of the scores.
import {
  checkArborescenceScores,
  type RootMode,
  resolveLengths,
  resolveRootMode,
} from './options.js';

/** Buffers for graphs of up to `size` nodes, reused across the items of a batch. */
class CleWorkspace {
  /** Reduced score of the best arc slot u → slot v of the current graph (stride L). */
  readonly w: Float64Array;
  /** Original arc (h·L + m) that realises slot u → slot v. */
  readonly arc: Int32Array;
  readonly bestIn: Int32Array;
  readonly active: Uint8Array;
  /** 0 unvisited, 1 on the current path, 2 reaches the root, 3 in the cycle being contracted. */
  readonly state: Uint8Array;
  readonly path: Int32Array;
  readonly members: Int32Array;
  readonly cycleScore: Float64Array;
  /** Hierarchy node (original node < L, or contracted cycle ≥ L) currently held by each slot. */
  readonly nodeOfSlot: Int32Array;
  /** Per hierarchy node: the cycle that absorbed it, its arc inside that cycle, member lists. */
  readonly parent: Int32Array;
  readonly cycleArc: Int32Array;
  readonly firstMember: Int32Array;
  readonly nextMember: Int32Array;
  readonly stackNode: Int32Array;
  readonly stackArc: Int32Array;

  constructor(size: number) {
    this.w = new Float64Array(size * size);
    this.arc = new Int32Array(size * size);
    this.bestIn = new Int32Array(size);
    this.active = new Uint8Array(size);
    this.state = new Uint8Array(size);
    this.path = new Int32Array(size);
    this.members = new Int32Array(size);
    this.cycleScore = new Float64Array(size);
    this.nodeOfSlot = new Int32Array(size);
    this.parent = new Int32Array(2 * size);
    this.cycleArc = new Int32Array(2 * size);
    this.firstMember = new Int32Array(2 * size);
    this.nextMember = new Int32Array(2 * size);
    this.stackNode = new Int32Array(2 * size);
    this.stackArc = new Int32Array(2 * size);
  }
}

/**
 * Best incoming slot of active slot v; in single-root mode the root (slot 0) only when it is the
 * only other active slot. Ties go to the lowest slot.
 */
function pickBestIn(ws: CleWorkspace, L: number, v: number, single: boolean): number {
  const { w, active } = ws;
  let best = -1;
  let bestScore = -Infinity;
  for (let u = single ? 1 : 0; u < L; u++) {
    if (u === v || active[u] === 0) continue;
    const s = w[u * L + v];
    if (best < 0 || s > bestScore) {
      best = u;
      bestScore = s;
    }
  }
  return Math.max(best, 0); // −1: no other candidate than the root
}

/**
 * Contracts the cycle held in ws.members[0..k) into slot members[0]: arcs into the cycle are
 * re-scored relative to the cycle arc they would replace (w(u→v) − w(cycle arc into v)), arcs out
 * of it keep the best member's score. Returns the slot.
 */
function contract(ws: CleWorkspace, L: number, k: number, newId: number, single: boolean): number {
  const { w, arc, bestIn, active, state, members, cycleScore, nodeOfSlot } = ws;
  const c = members[0];
  ws.firstMember[newId] = -1;
  ws.parent[newId] = -1;
  for (let i = 0; i < k; i++) {
    const v = members[i];
    const id = nodeOfSlot[v];
    cycleScore[i] = w[bestIn[v] * L + v];
    ws.cycleArc[id] = arc[bestIn[v] * L + v];
    ws.parent[id] = newId;
    ws.nextMember[id] = ws.firstMember[newId];
    ws.firstMember[newId] = id;
    state[v] = 3;
  }
  for (let x = 0; x < L; x++) {
    if (active[x] === 0 || state[x] === 3) continue;
    const rx = x * L;
    let bestScore = -Infinity;
    let bestArc = -1;
    for (let i = 0; i < k; i++) {
      const v = members[i];
      const s = w[rx + v] - cycleScore[i];
      if (bestArc < 0 || s > bestScore) {
        bestScore = s;
        bestArc = arc[rx + v];
      }
    }
    w[rx + c] = bestScore;
    arc[rx + c] = bestArc;
    if (x === 0) continue;
    bestScore = -Infinity;
    bestArc = -1;
    for (let i = 0; i < k; i++) {
      const e = members[i] * L + x;
      if (bestArc < 0 || w[e] > bestScore) {
        bestScore = w[e];
        bestArc = arc[e];
      }
    }
    w[c * L + x] = bestScore;
    arc[c * L + x] = bestArc;
    // Nodes whose best parent was in the cycle now take it from the contracted node (same arc,
    // same score); nobody else's best parent changes, since w(c→x) is a max over members.
    if (state[bestIn[x]] === 3) bestIn[x] = c;
  }
  for (let i = 1; i < k; i++) active[members[i]] = 0;
  state[c] = 1;
  nodeOfSlot[c] = newId;
  bestIn[c] = pickBestIn(ws, L, c, single);
  return c;
}

/** Writes the 0/1 mask of the maximum arborescence of item `off` (L real nodes) into `out`. */
function solveItem(
  ws: CleWorkspace,
  scores: Float64Array,
  off: number,
  n: number,
  L: number,
  single: boolean,
  out: Float64Array,
): void {
  const { w, arc, bestIn, active, state, path, members, nodeOfSlot } = ws;
  for (let h = 0; h < L; h++) {
    for (let m = 0; m < L; m++) {
      w[h * L + m] = scores[off + h * n + m];
      arc[h * L + m] = h * L + m;
    }
    active[h] = 1;
    state[h] = 0;
    nodeOfSlot[h] = h;
    ws.parent[h] = -1;
  }
  for (let v = 1; v < L; v++) bestIn[v] = pickBestIn(ws, L, v, single);
  state[0] = 2;
  let nextId = L;
  for (let start = 1; start < L; start++) {
    if (state[start] !== 0) continue;
    let top = 0;
    path[0] = start;
    state[start] = 1;
    for (;;) {
      const u = bestIn[path[top]];
      if (state[u] === 2) {
        for (let i = 0; i <= top; i++) state[path[i]] = 2;
        break;
      }
      if (state[u] === 0) {
        path[++top] = u;
        state[u] = 1;
        continue;
      }
      // u is on the path: path[p..top] is a cycle of best-incoming arcs.
      let k = 0;
      while (path[top] !== u) members[k++] = path[top--];
      members[k++] = u;
      path[top] = contract(ws, L, k, nextId++, single);
    }
  }
  // Expand: every top-level node takes its best incoming arc; a contracted cycle passes the arc
  // entering it to the member holding the arc's child and gives every other member its cycle arc.
  const { stackNode, stackArc, parent } = ws;
  let sp = 0;
  for (let x = 1; x < L; x++) {
    if (active[x] === 0) continue;
    stackNode[sp] = nodeOfSlot[x];
    stackArc[sp++] = arc[bestIn[x] * L + x];
  }
  while (sp > 0) {
    const id = stackNode[--sp];
    const a = stackArc[sp];
    const child = a % L;
    if (id < L) {
      out[off + ((a - child) / L) * n + child] = 1;
      continue;
    }
    let holder = child;
    while (parent[holder] !== id) holder = parent[holder];
    for (let member = ws.firstMember[id]; member >= 0; member = ws.nextMember[member]) {
      stackNode[sp] = member;
      stackArc[sp++] = member === holder ? a : ws.cycleArc[member];
    }
  }
}

/**
 * The maximum arborescence rooted at node 0 of each n×n score matrix in the batch (row = head,
 * column = child; the diagonal and column 0 are ignored), as a 0/1 mask of the same layout.
 * 'single' mode returns the best tree in which node 0 has exactly one child. O(L²) per item.
 */
export function chuLiuEdmondsArgmax(
  scores: Float64Array,
  n: number,
  options?: { rootMode?: RootMode; lengths?: ArrayLike<number> },
): Float64Array {
  const batch = checkArborescenceScores(scores, n);
  const single = resolveRootMode(options) === 'single';
  const lengths = resolveLengths(options, batch, n);
  const ws = new CleWorkspace(n);
  const out = new Float64Array(scores.length);
  for (let b = 0; b < batch; b++) solveItem(ws, scores, b * n * n, n, lengths[b], single, out);
  return out;
}
