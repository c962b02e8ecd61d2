/**
 * An on-chain price oracle (crypto-mechanics.md §5.2), pure and deterministic. The off-chain
 * price is observed with {@link Oracle.update}; a new round starts when it has moved by at least
 * the deviation threshold since the last round, or when the heartbeat has elapsed since the last
 * round (Chainlink push feeds), but never sooner than `minIntervalNs` after the last one (the
 * cadence of a pull oracle such as Pyth). A round's price becomes readable on chain `delayNs`
 * after it started (the report has to be signed and land in a block). {@link Oracle.price} is
 * the last published price: between rounds it is stale, which is what delays oracle-priced
 * liquidations in a fast move and releases them together when the next round lands.
 *
 * Units: prices in quote currency (floats: a model input, never an order), times SimTime ns.
 * Calls must come in non-decreasing time order (both update and price). Updates allocate
 * nothing once the pending ring has grown to the number of rounds in flight.
 */
import { NS_PER_MS, NS_PER_SEC, assertTimeNs } from '../engine/time.js';

/** How an oracle decides to publish. */
export interface OracleConfig {
  /** Relative move since the last round that starts a new one (0.005 = 0.5 %); 0 = any change. */
  readonly deviation: number;
  /** Longest time between rounds (ns): a round starts at the first observation after it. */
  readonly heartbeatNs: number;
  /** From a round's start to its price being readable on chain (ns). */
  readonly delayNs: number;
  /** Shortest time between two rounds (ns); default 0. */
  readonly minIntervalNs?: number;
}

/**
 * Chainlink Data Feeds, BTC/USD and ETH/USD on Ethereum L1: 0.5 % deviation or 3600 s heartbeat
 * (data.chain.link feed pages, crypto-mechanics.md §5.2 [doc]). The delay is one L1 block (12 s,
 * the round's transaction must be included); under congestion docs quote ~40 s ([2nd]/[?]).
 */
export const CHAINLINK_L1: OracleConfig = { deviation: 0.005, heartbeatNs: 3600 * NS_PER_SEC, delayNs: 12 * NS_PER_SEC };

/**
 * A Pyth-like pull oracle: Pythnet aggregates publisher prices every ~400 ms and the consumer
 * posts the latest in its own transaction (docs.pyth.network, crypto-mechanics.md §5.2 [doc]):
 * every observed change, at most every 400 ms, readable 400 ms later.
 */
export const PYTH_PULL: OracleConfig = { deviation: 0, heartbeatNs: 400 * NS_PER_MS, delayNs: 400 * NS_PER_MS, minIntervalNs: 400 * NS_PER_MS };

/** Hyperliquid: validators publish oracle prices every 3 s (hyperliquid docs "oracle", §5.2 [doc]). */
export const HYPERLIQUID_ORACLE: OracleConfig = { deviation: 0, heartbeatNs: 3 * NS_PER_SEC, delayNs: 0, minIntervalNs: 3 * NS_PER_SEC };

/** Throws unless `cfg` is a usable oracle configuration. */
export function checkOracleConfig(cfg: OracleConfig): void {
  if (!(cfg.deviation >= 0 && Number.isFinite(cfg.deviation))) throw new RangeError(`oracle deviation must be a finite fraction >= 0, got ${cfg.deviation}`);
  if (!(Number.isSafeInteger(cfg.heartbeatNs) && cfg.heartbeatNs > 0)) throw new RangeError(`oracle heartbeat must be a positive integer of ns, got ${cfg.heartbeatNs}`);
  assertTimeNs(cfg.delayNs, 'oracle delay');
  assertTimeNs(cfg.minIntervalNs ?? 0, 'oracle minimum interval');
}

export class Oracle {
  private readonly minIntervalNs: number;
  /** Start time and price of the last round (published or in flight). */
  private lastRoundNs = Number.NEGATIVE_INFINITY;
  private lastRoundPrice = Number.NaN;
  private publishedPrice = Number.NaN;
  private publishedNs = Number.NEGATIVE_INFINITY;
  private lastTNs = 0;
  /** Rounds in flight: a ring of (publish time, price), in publish-time order. */
  private pendNs = new Float64Array(8);
  private pendPx = new Float64Array(8);
  private pendHead = 0;
  private pendCount = 0;
  /** Rounds started so far. */
  rounds = 0;

  /**
   * @param cfg publication rule
   * @param initialPrice the price already on chain at `startNs` (a feed that exists before the
   *   scenario starts); NaN for none (then {@link price} is NaN until the first round lands)
   */
  constructor(readonly cfg: OracleConfig, initialPrice = Number.NaN, startNs = 0) {
    checkOracleConfig(cfg);
    assertTimeNs(startNs, 'oracle start');
    this.minIntervalNs = cfg.minIntervalNs ?? 0;
    this.lastTNs = startNs;
    if (!Number.isNaN(initialPrice)) {
      checkPrice(initialPrice);
      this.lastRoundNs = startNs;
      this.lastRoundPrice = initialPrice;
      this.publishedPrice = initialPrice;
      this.publishedNs = startNs;
    }
  }

  /**
   * The off-chain price observed at `tNs`. Starts a round (published at `tNs + delayNs`) when the
   * deviation or heartbeat rule says so; returns true when it did.
   */
  update(tNs: number, offchainPrice: number): boolean {
    this.advance(tNs);
    checkPrice(offchainPrice);
    const sinceNs = tNs - this.lastRoundNs;
    if (sinceNs < this.minIntervalNs) return false;
    const last = this.lastRoundPrice;
    const moved = Number.isNaN(last) || (this.cfg.deviation === 0 ? offchainPrice !== last : Math.abs(offchainPrice - last) >= this.cfg.deviation * last);
    if (!moved && sinceNs < this.cfg.heartbeatNs) return false;
    this.lastRoundNs = tNs;
    this.lastRoundPrice = offchainPrice;
    this.rounds++;
    this.push(tNs + this.cfg.delayNs, offchainPrice);
    this.publishDue(tNs);
    return true;
  }

  /** The on-chain price at `tNs`: the last round published at or before it (NaN before any). */
  price(tNs: number): number {
    this.advance(tNs);
    this.publishDue(tNs);
    return this.publishedPrice;
  }

  /** When the price readable now was published (-Infinity before any). Call {@link price} first. */
  get publishedAtNs(): number {
    return this.publishedNs;
  }

  /** Publish time of the next round in flight, Infinity when none. */
  nextPublishNs(): number {
    return this.pendCount === 0 ? Number.POSITIVE_INFINITY : (this.pendNs[this.pendHead] as number);
  }

  /** Age of the on-chain price at `tNs` (ns; Infinity before any). */
  stalenessNs(tNs: number): number {
    this.price(tNs);
    return tNs - this.publishedNs;
  }

  private advance(tNs: number): void {
    assertTimeNs(tNs, 'oracle time');
    if (tNs < this.lastTNs) throw new RangeError(`oracle times must not go backwards: ${tNs} ns after ${this.lastTNs} ns`);
    this.lastTNs = tNs;
  }

  private publishDue(tNs: number): void {
    const cap = this.pendNs.length;
    while (this.pendCount > 0 && (this.pendNs[this.pendHead] as number) <= tNs) {
      this.publishedNs = this.pendNs[this.pendHead] as number;
      this.publishedPrice = this.pendPx[this.pendHead] as number;
      this.pendHead = (this.pendHead + 1) % cap;
      this.pendCount--;
    }
  }

  private push(publishNs: number, price: number): void {
    let cap = this.pendNs.length;
    if (this.pendCount === cap) {
      const ns = new Float64Array(cap * 2);
      const px = new Float64Array(cap * 2);
      for (let k = 0; k < this.pendCount; k++) {
        ns[k] = this.pendNs[(this.pendHead + k) % cap] as number;
        px[k] = this.pendPx[(this.pendHead + k) % cap] as number;
      }
      this.pendNs = ns;
      this.pendPx = px;
      this.pendHead = 0;
      cap *= 2;
    }
    const slot = (this.pendHead + this.pendCount) % cap;
    this.pendNs[slot] = publishNs;
    this.pendPx[slot] = price;
    this.pendCount++;
  }
}

function checkPrice(p: number): void {
  if (!(p > 0 && Number.isFinite(p))) throw new RangeError(`oracle price must be positive and finite, got ${p}`);
}
