/**
 * Measurement of `gex-accounting` (checks/gexAccounting.ts): the dealers' recorded spot and GEX
 * at t = 0 (greeks table, quote currency per 1 % move) and, from the hedges table, every hedge
 * (a decision and the fills that follow it): complete (filled in full, no cancel/reject/expire),
 * complete and inside the band max(band, |gamma| * mid * band_move) after its last fill, cut
 * short, and the worst excess of a complete hedge over its band (base units).
 */
import { bandHalfWidth } from '../../agents/dealer/policy.js';
import { readArrowFile } from '../../output/index.js';
import type { RunResult } from '../../run/index.js';
import type { Measured } from '../check.js';
import { GEX_BAND, GEX_BAND_MOVE } from '../checks/gexAccounting.js';

/** Lot rounding of the hedge size (lot 0.001 BTC in the reference scenarios). */
const LOT_SLACK = 0.001 + 1e-9;

export function gexAccountingMeasure(run: RunResult): Measured {
  const greeks = readArrowFile(run.files['greeks'] as string);
  const spot0 = greeks.numbers('spot')[0] ?? Number.NaN;
  const gex0 = greeks.numbers('gex_per_pct')[0] ?? Number.NaN;
  const h = readArrowFile(run.files['hedges'] as string);
  const event = h.column('event');
  const after = h.numbers('delta_after');
  const gamma = h.numbers('gamma');
  const mid = h.numbers('mid');
  let complete = 0;
  let inBand = 0;
  let cut = 0;
  let worst = 0;
  let open = false;
  let lastAfter = Number.NaN;
  let band = 0;
  let wasCut = false;
  let filled = false;
  const close = (): void => {
    if (!open) return;
    if (wasCut || !filled) cut++;
    else {
      complete++;
      const excess = Math.abs(lastAfter) - band;
      if (excess <= LOT_SLACK) inBand++;
      worst = Math.max(worst, excess);
    }
  };
  for (let i = 0; i < event.length; i++) {
    const e = event[i];
    if (e === 'decision') {
      close();
      open = true;
      wasCut = false;
      filled = false;
      band = bandHalfWidth(GEX_BAND, GEX_BAND_MOVE, mid[i] as number, gamma[i] as number);
    } else if (e === 'fill') {
      filled = true;
      lastAfter = after[i] as number;
    } else {
      wasCut = true;
    }
  }
  close();
  return { spot0, gex0, hedges_complete: complete, hedges_complete_in_band: inBand, hedges_cut: cut, worst_excess: worst };
}
