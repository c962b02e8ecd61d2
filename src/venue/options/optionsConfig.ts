/**
 * Configuration of a venue's options desk (DESIGN 2b "Options are cleared by the venue"): the
 * listed series and the request-for-quote and settlement timing. European options, quote-settled
 * (linear) or coin-settled (inverse, Deribit style: premium and payoff in the coin, at a
 * coin-settled venue); expiries are absolute UTC instants (epoch ms), converted with the
 * scenario's SimClock.
 */

/** One listed option series. */
export interface OptionSeriesConfig {
  readonly symbol: string;
  readonly isCall: boolean;
  /** Strike in quote currency. */
  readonly strike: number;
  /** Expiry instant, epoch milliseconds UTC. */
  readonly expiryUtcMs: number;
  /** Base units per contract (e.g. 1 BTC). */
  readonly contractSize: number;
  /** Agent ids of the dealers asked for quotes on this series (asked in ascending id order). */
  readonly dealers: readonly number[];
  /** Index of this series in the run's global `series` dictionary (option_trades.series column). */
  readonly dictIndex: number;
  /**
   * Venue instrument whose mark is the series' underlying price, settled on its TWAP (a perp or a
   * dated future); absent = the venue index.
   */
  readonly referenceInstrument?: number;
  /** Tick size of the reference instrument (quote currency). */
  readonly referenceTickSize?: number;
}

export interface OptionsDeskConfig {
  readonly series: readonly OptionSeriesConfig[];
  /** How long the desk collects quotes after asking the dealers (default 50 ms). */
  readonly quoteDeadlineNs: number;
  /** Settlement TWAP window before expiry (Deribit: 30 min). */
  readonly settlementWindowNs: number;
  /** Index sampling step inside the window (Deribit: about 5 s). */
  readonly settlementSampleNs: number;
  /** 'coin': premiums and payoffs in the coin (an inverse venue); absent = quote-settled. */
  readonly settlement?: 'coin';
  /** Integer money units per unit of the settlement currency (10^4 quote, 10^8 coin); absent = 10^4. */
  readonly moneyUnits?: number;
}
