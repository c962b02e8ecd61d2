/**
 * Shared fixtures for clearing tests: a BTC-like perp with tick 0.1 USD and lot 0.001 BTC, so
 * quotePerTickLot = 0.1 * 0.001 * 10^4 = 1 quote unit; 100,000 USD = 1,000,000 ticks.
 */
import { BINANCE_BTCUSDT_BRACKETS, ClearingHouse, ContractKind, DEFAULT_LIQUIDATION_PARAMS, inverseScale, makeBracketsIn, type LiquidationParams, type LiquidationStep, type MarginBracket } from '../../../src/venue/clearing/index.js';

export const LIQUIDATOR = 99;
export const ENTRY_TICKS = 1_000_000; // 100,000 USD

export function makeHouse(opts: { instruments?: number; q?: number; qs?: readonly number[]; fund?: number; liq?: Partial<LiquidationParams>; valuation?: 'mark' | 'entry'; brackets?: readonly MarginBracket[] } = {}): ClearingHouse {
  const n = opts.instruments ?? 1;
  const house = new ClearingHouse({
    // `qs` gives each instrument its own value per tick and lot (instruments on several underlyings).
    instruments: Array.from({ length: n }, (_, i) => ({ instrumentId: i, quotePerTickLot: opts.qs?.[i] ?? opts.q ?? 1, brackets: opts.brackets ?? BINANCE_BTCUSDT_BRACKETS })),
    liquidatorAccount: LIQUIDATOR,
    insuranceFundUnits: opts.fund ?? 0,
    liquidation: { ...DEFAULT_LIQUIDATION_PARAMS, ...opts.liq },
    ...(opts.valuation !== undefined ? { maintenanceValuation: opts.valuation } : {}),
  });
  for (let i = 0; i < n; i++) house.setMark(i, ENTRY_TICKS);
  return house;
}

/** Collects copies of liquidation steps. */
export function stepLog(): { steps: LiquidationStep[]; sink: (s: Readonly<LiquidationStep>) => void } {
  const steps: LiquidationStep[] = [];
  return { steps, sink: (s) => steps.push({ ...s }) };
}

/** Satoshis per BTC: the settlement unit of the inverse fixtures. */
export const SAT = 1e8;

/**
 * A coin-settled (inverse) house: contracts of `face` USD on a `tick` USD grid, money in
 * satoshis, one bracket at `mmr` (max leverage 125) unless `brackets` is given. Marks start at
 * `markTicks` (default 100,000 USD).
 */
export function makeInverseHouse(opts: { face?: number; tick?: number; instruments?: number; mmr?: number; brackets?: readonly MarginBracket[]; fund?: number; liq?: Partial<LiquidationParams>; markTicks?: number; valuation?: 'mark' | 'entry' } = {}): ClearingHouse {
  const n = opts.instruments ?? 1;
  const tick = opts.tick ?? 0.5;
  const k = inverseScale(opts.face ?? 10, SAT, tick);
  const brackets = opts.brackets ?? makeBracketsIn([[0, 125, opts.mmr ?? 0.004]], SAT);
  const house = new ClearingHouse({
    instruments: Array.from({ length: n }, (_, i) => ({ instrumentId: i, quotePerTickLot: 1, brackets, contract: ContractKind.Inverse, inverseScale: k })),
    liquidatorAccount: LIQUIDATOR,
    insuranceFundUnits: opts.fund ?? 0,
    liquidation: { ...DEFAULT_LIQUIDATION_PARAMS, ...opts.liq },
    ...(opts.valuation !== undefined ? { maintenanceValuation: opts.valuation } : {}),
  });
  for (let i = 0; i < n; i++) house.setMark(i, opts.markTicks ?? Math.round(100_000 / tick));
  return house;
}
