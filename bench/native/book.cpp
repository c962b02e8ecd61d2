// Native reference matcher for `npm run bench -- book`: the same design as src/book (price levels
// in arrays indexed by tick, re-centred when a price falls outside; FIFO queues of orders in a
// struct-of-arrays pool with a free list; orderId -> slot in an open-addressing hash table with
// linear probing and backward-shift deletion; best bid/ask tracked incrementally, scanning only
// when the best level empties). Limit adds rest (the stream never crosses), market orders walk
// the opposite side FIFO and drop what is left, cancels remove in O(1). It replays the stream file
// written by bench/book.ts and prints one JSON line: ops, seconds (steady clock around the replay
// only) and CPU seconds (std::clock), fills, and the same per-market-order checksum as the TypeScript replay, so the two
// books' fills can be compared exactly. Build: g++ -O2 -std=c++17 book.cpp -o book.
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

static const int32_t NIL = -1;

struct Ladder {
  int64_t base = 0;
  std::vector<int32_t> head, tail;
  std::vector<int64_t> lots;
  explicit Ladder(size_t n) : head(n, NIL), tail(n, NIL), lots(n, 0) {}
  size_t cap() const { return head.size(); }
  bool contains(int64_t p) const { return p >= base && p < base + (int64_t)cap(); }
  // Re-centres (doubling when needed) so that p and every occupied level fit.
  void makeRoom(int64_t p, int64_t lo, int64_t hi) {
    if (lo > hi) { lo = p; hi = p; }
    if (p < lo) lo = p;
    if (p > hi) hi = p;
    size_t n = cap();
    while ((int64_t)n < 2 * (hi - lo + 1)) n *= 2;
    int64_t nb = lo - (int64_t)(n - (hi - lo + 1)) / 2;
    std::vector<int32_t> h(n, NIL), t(n, NIL);
    std::vector<int64_t> l(n, 0);
    for (int64_t q = lo; q <= hi; q++) {
      if (!contains(q)) continue;
      size_t i = (size_t)(q - base), j = (size_t)(q - nb);
      h[j] = head[i]; t[j] = tail[i]; l[j] = lots[i];
    }
    head.swap(h); tail.swap(t); lots.swap(l); base = nb;
  }
};

struct IdIndex {
  std::vector<int64_t> keys;
  std::vector<int32_t> vals;
  uint32_t mask, shift;
  size_t count = 0;
  explicit IdIndex(size_t initial) {
    size_t c = 16;
    while (c < initial * 2) c *= 2;
    keys.assign(c, 0); vals.assign(c, 0); mask = (uint32_t)c - 1; shift = 32 - (uint32_t)__builtin_ctzll(c);
  }
  uint32_t home(int64_t k) const {
    uint32_t lo = (uint32_t)k, hi = (uint32_t)(k >> 32);
    return ((lo ^ (hi * 0x27d4eb2du)) * 0x9e3779b1u) >> shift;
  }
  void grow() {
    std::vector<int64_t> ok; ok.swap(keys);
    std::vector<int32_t> ov; ov.swap(vals);
    size_t c = ok.size() * 2;
    keys.assign(c, 0); vals.assign(c, 0); mask = (uint32_t)c - 1; shift--; count = 0;
    for (size_t i = 0; i < ok.size(); i++) if (ok[i] != 0) set(ok[i], ov[i]);
  }
  void set(int64_t k, int32_t v) {
    if ((count + 1) * 2 > keys.size()) grow();
    uint32_t i = home(k);
    while (keys[i] != 0) { if (keys[i] == k) { vals[i] = v; return; } i = (i + 1) & mask; }
    keys[i] = k; vals[i] = v; count++;
  }
  int32_t get(int64_t k) const {
    uint32_t i = home(k);
    while (keys[i] != 0) { if (keys[i] == k) return vals[i]; i = (i + 1) & mask; }
    return NIL;
  }
  void del(int64_t k) {
    uint32_t i = home(k);
    while (keys[i] != k) { if (keys[i] == 0) return; i = (i + 1) & mask; }
    uint32_t j = i;
    for (;;) {  // backward-shift deletion: no tombstones
      j = (j + 1) & mask;
      if (keys[j] == 0) break;
      uint32_t h = home(keys[j]);
      bool between = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (between) continue;
      keys[i] = keys[j]; vals[i] = vals[j]; i = j;
    }
    keys[i] = 0; count--;
  }
};

struct Book {
  Ladder lad{1 << 12};
  IdIndex ids{1024};
  std::vector<int32_t> next, prev, freeList;
  std::vector<int64_t> price, lots, id;
  int64_t bestBid = 0, bestAsk = 0;  // 0 = empty side
  int64_t fills = 0, filledLots = 0, notional = 0;

  int32_t alloc() {
    if (!freeList.empty()) { int32_t s = freeList.back(); freeList.pop_back(); return s; }
    next.push_back(NIL); prev.push_back(NIL); price.push_back(0); lots.push_back(0); id.push_back(0);
    return (int32_t)next.size() - 1;
  }
  void addLimit(int64_t oid, int side, int64_t p, int64_t size) {
    if (!lad.contains(p)) lad.makeRoom(p, bestBid ? lowest() : (bestAsk ? bestAsk : p), bestAsk ? highest() : (bestBid ? bestBid : p));
    int32_t s = alloc();
    price[s] = p; lots[s] = size; id[s] = oid; next[s] = NIL;
    size_t i = (size_t)(p - lad.base);
    prev[s] = lad.tail[i];
    if (lad.tail[i] == NIL) lad.head[i] = s; else next[lad.tail[i]] = s;
    lad.tail[i] = s; lad.lots[i] += size;
    ids.set(oid, s);
    if (side > 0) { if (bestBid == 0 || p > bestBid) bestBid = p; }
    else if (bestAsk == 0 || p < bestAsk) bestAsk = p;
  }
  // Lowest and highest occupied prices (for re-centring; rare).
  int64_t lowest() const { for (size_t i = 0; i < lad.cap(); i++) if (lad.head[i] != NIL) return lad.base + (int64_t)i; return 0; }
  int64_t highest() const { for (size_t i = lad.cap(); i-- > 0;) if (lad.head[i] != NIL) return lad.base + (int64_t)i; return 0; }
  void unlink(int32_t s) {
    size_t i = (size_t)(price[s] - lad.base);
    if (prev[s] == NIL) lad.head[i] = next[s]; else next[prev[s]] = next[s];
    if (next[s] == NIL) lad.tail[i] = prev[s]; else prev[next[s]] = prev[s];
    lad.lots[i] -= lots[s];
    ids.del(id[s]);
    freeList.push_back(s);
  }
  void refreshBest(int64_t p) {
    size_t i = (size_t)(p - lad.base);
    if (lad.head[i] != NIL) return;
    if (p == bestBid) {
      int64_t q = p - 1;
      while (q >= lad.base && lad.head[(size_t)(q - lad.base)] == NIL) q--;
      bestBid = q >= lad.base ? q : 0;
    } else if (p == bestAsk) {
      int64_t q = p + 1, end = lad.base + (int64_t)lad.cap();
      while (q < end && lad.head[(size_t)(q - lad.base)] == NIL) q++;
      bestAsk = q < end ? q : 0;
    }
  }
  void cancel(int64_t oid) {
    int32_t s = ids.get(oid);
    if (s == NIL) return;
    int64_t p = price[s];
    unlink(s);
    refreshBest(p);
  }
  void market(int side, int64_t size) {
    while (size > 0) {
      int64_t p = side > 0 ? bestAsk : bestBid;
      if (p == 0) return;
      size_t i = (size_t)(p - lad.base);
      int32_t s = lad.head[i];
      int64_t q = lots[s] < size ? lots[s] : size;
      fills++; filledLots += q; notional += p * q; size -= q;
      if (q == lots[s]) { unlink(s); refreshBest(p); }
      else { lots[s] -= q; lad.lots[i] -= q; }
    }
  }
};

static uint32_t mix(uint32_t h, uint32_t lots, uint32_t notional) {
  h = (h ^ lots) * 0x9e3779b1u;
  h = (h ^ notional) * 0x85ebca6bu;
  return h ^ (h >> 15);
}

int main(int argc, char** argv) {
  if (argc < 2) { std::fprintf(stderr, "usage: book STREAM_FILE\n"); return 2; }
  FILE* f = std::fopen(argv[1], "rb");
  if (!f) { std::perror(argv[1]); return 2; }
  int32_t n = 0;
  if (std::fread(&n, 4, 1, f) != 1) return 2;
  std::vector<int8_t> kind(n), side(n);
  std::vector<int32_t> oid(n), owner(n), px(n), sz(n);
  bool ok = std::fread(kind.data(), 1, n, f) == (size_t)n && std::fread(side.data(), 1, n, f) == (size_t)n &&
            std::fread(oid.data(), 4, n, f) == (size_t)n && std::fread(owner.data(), 4, n, f) == (size_t)n &&
            std::fread(px.data(), 4, n, f) == (size_t)n && std::fread(sz.data(), 4, n, f) == (size_t)n;
  std::fclose(f);
  if (!ok) { std::fprintf(stderr, "short stream file\n"); return 2; }
  int32_t rounds = argc > 2 ? std::atoi(argv[2]) : 1;
  double best = 1e300, bestCpu = 1e300;
  uint32_t hash = 0;
  int64_t fills = 0;
  for (int32_t r = 0; r < rounds; r++) {  // round 0 doubles as warm-up when rounds > 1
    Book b;
    uint32_t h = 0;
    auto t0 = std::chrono::steady_clock::now();
    std::clock_t c0 = std::clock();
    for (int32_t i = 0; i < n; i++) {
      if (kind[i] == 0) b.addLimit(oid[i], side[i], px[i], sz[i]);
      else if (kind[i] == 1) b.cancel(oid[i]);
      else {
        int64_t l0 = b.filledLots, n0 = b.notional;
        b.market(side[i], sz[i]);
        h = mix(h, (uint32_t)(b.filledLots - l0), (uint32_t)((b.notional - n0) % 0x7fffffff));
      }
    }
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    double c = (double)(std::clock() - c0) / CLOCKS_PER_SEC;
    if (s < best) best = s;
    if (c < bestCpu) bestCpu = c;
    hash = h; fills = b.fills;
  }
  std::printf("{\"ops\":%d,\"seconds\":%.6f,\"cpuSeconds\":%.6f,\"fills\":%lld,\"hash\":\"%08x\"}\n", n, best, bestCpu, (long long)fills, hash);
  return 0;
}
