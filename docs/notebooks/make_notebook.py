import json
cells = []
def md(text): cells.append({"cell_type": "markdown", "metadata": {}, "source": text.strip("\n").splitlines(True)})
def code(text): cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": text.strip("\n").splitlines(True)})

md("""
# gammaloop: see the loop

This notebook loads one run and one sweep of gammaloop and shows the gamma feedback loop:
dealer GEX against price, the GEX profile over spot, the hedge-flow regression (dealer hedge
flow in a bucket against the next bucket's return) and, through DuckDB on the Parquet export,
the spread.

Make the inputs first (from the repository root; about a minute):

```bash
gammaloop run scenarios/short-gamma-squeeze.yaml --set clock.duration=40m -o results/squeeze
gammaloop export results/squeeze --format parquet
printf 'open_interest.0.contracts,open_interest.1.contracts\\n20,20\\n100,100\\n400,400\\n' > oi-cells.csv
gammaloop sweep scenarios/short-gamma-squeeze.yaml --set clock.duration=30m \\
  --cells oi-cells.csv --seeds 1..8 --out results/squeeze-sweep
```

Python: `pip install polars duckdb matplotlib numpy`. Column names and units: docs/output.md.
GEX sign: the dealers' own gamma; negative = dealers short gamma (their hedging amplifies moves).
""")
code("""
from pathlib import Path
import numpy as np
import polars as pl
import duckdb
import matplotlib.pyplot as plt

RUN = Path("results/squeeze")
SWEEP = Path("results/squeeze-sweep")
book = pl.read_ipc(RUN / "book.arrow")
greeks = pl.read_ipc(RUN / "greeks.arrow")
gex = pl.read_ipc(RUN / "gex.arrow")
profile = pl.read_ipc(RUN / "gex_profile.arrow")
hedges = pl.read_ipc(RUN / "hedges.arrow")
# NaN marks "no value" in the Arrow files (an empty book side): make it null so aggregates skip it.
book = book.with_columns(pl.col("bid").fill_nan(None), pl.col("ask").fill_nan(None), pl.col("mid").fill_nan(None))
perp = book.filter(pl.col("instrument") == "BTC-PERP").with_columns((pl.col("t_ns") / 60e9).alias("minute"))
""")
md("## Dealer GEX against price")
code("""
gex_t = (greeks.group_by("t_ns").agg(pl.col("gex_per_pct").sum().alias("gex_total"))
         .sort("t_ns").with_columns((pl.col("t_ns") / 60e9).alias("minute")))
fig, ax = plt.subplots(figsize=(10, 4))
ax.plot(perp["minute"], perp["mid"], color="black", lw=0.8, label="mid")
ax.set_xlabel("simulated time since start (min)"); ax.set_ylabel("mid (USD)")
ax2 = ax.twinx()
ax2.plot(gex_t["minute"], gex_t["gex_total"], color="tab:purple", label="dealer GEX")
ax2.axhline(0, color="grey", lw=0.5); ax2.set_ylabel("dealer GEX (USD per 1% move)")
fig.legend(loc="upper left"); plt.show()
""")
md("GEX by strike at the last sample (all dealers):")
code("""
last = gex["t_ns"].max()
gex.filter(pl.col("t_ns") == last).group_by("strike").agg(pl.col("gex_per_pct").sum(), pl.col("contracts").sum()).sort("strike")
""")
md("## GEX profile over spot: start, middle, end")
code("""
times = profile["t_ns"].unique().sort()
picks = [times[0], times[len(times) // 2], times[-1]]
fig, ax = plt.subplots(figsize=(8, 4))
for t in picks:
    p = (profile.filter(pl.col("t_ns") == t).group_by("offset")
         .agg(pl.col("spot_level").mean(), pl.col("gex_per_pct").sum(), pl.col("spot").mean()).sort("offset"))
    line, = ax.plot(p["spot_level"], p["gex_per_pct"], marker=".", label=f"t = {t / 60e9:.0f} min")
    ax.axvline(p["spot"][0], color=line.get_color(), ls="--", lw=1)
ax.axhline(0, color="grey", lw=0.5)
ax.set_xlabel("hypothetical spot (USD)"); ax.set_ylabel("dealer GEX (USD per 1% move)"); ax.legend(); plt.show()
""")
md("""
## The feedback: hedge flow against the next return

Bucket time into 60-second slices: net dealer hedge flow (fills, + bought) in bucket k against
the mid's log return over bucket k+1, in bps. The report draws the same regression
(src/analysis/feedback.ts).
""")
code("""
BUCKET_NS = 60_000_000_000
flow = (hedges.filter(pl.col("event") == "fill")
        .with_columns((pl.col("t_ns") // BUCKET_NS).alias("bucket"))
        .group_by("bucket").agg(pl.col("size").sum().alias("flow")))
mids = (perp.filter(pl.col("mid").is_not_null()).with_columns((pl.col("t_ns") // BUCKET_NS).alias("bucket"))
        .group_by("bucket").agg(pl.col("mid").last().alias("close")).sort("bucket"))
rets = mids.with_columns((1e4 * (pl.col("close").log() - pl.col("close").shift(1).log())).alias("ret_bps"))
# return over bucket k+1 = close(k+1) / close(k): pair it with the flow of bucket k
pairs = (flow.join(rets.with_columns((pl.col("bucket") - 1).alias("bucket")), on="bucket", how="inner")
         .drop_nulls(["flow", "ret_bps"]).sort("bucket"))
slope, intercept = np.polyfit(pairs["flow"].to_numpy(), pairs["ret_bps"].to_numpy(), 1)
print(f"slope {slope:.3g} bps per base unit over {pairs.height} buckets")
plt.scatter(pairs["flow"], pairs["ret_bps"], s=10)
xs = np.linspace(pairs["flow"].min(), pairs["flow"].max(), 2)
plt.plot(xs, intercept + slope * xs, color="tab:orange")
plt.xlabel("net hedge flow in bucket (base)"); plt.ylabel("next-bucket mid return (bps)"); plt.show()
""")
md("""
## DuckDB on the Parquet export

`gammaloop export` writes Parquet in which "no value" floats are nulls, so `avg(ask - bid)` skips
the samples with an empty side (over the Arrow files it would be NaN).
""")
code("""
duckdb.sql(f\"\"\"
  SELECT instrument, avg(ask - bid) AS spread, count(*) - count(ask - bid) AS one_sided_samples
  FROM read_parquet('{RUN}/parquet/book.parquet') GROUP BY instrument
\"\"\").df()
""")
md("""
## A sweep: volatility by dealer gamma

Three cells scale the dealers' short straddle (20, 100, 400 contracts of each leg); the same
eight seeds in each cell (common random numbers). Dealer GEX at the start of each run comes from
the Hive-partitioned greeks table; realized vol from summary.arrow.
""")
code("""
summary = pl.read_ipc(SWEEP / "summary.arrow").join(pl.read_ipc(SWEEP / "cells.arrow"), on="cell")
gex0 = (pl.scan_ipc(str(SWEEP / "greeks"), hive_partitioning=True).filter(pl.col("t_ns") == 0)
        .group_by("cell", "seed").agg(pl.col("gex_per_pct").sum().alias("gex_start")).collect())
runs = summary.join(gex0, on=["cell", "seed"]).select("cell", "seed", "gex_start", "rv_mid_5m")
plt.scatter(runs["gex_start"], runs["rv_mid_5m"], c=runs["cell"], s=18)
plt.xlabel("dealer GEX at start (USD per 1% move)"); plt.ylabel("rv_mid_5m (annualized)"); plt.show()
runs.group_by("cell").agg(pl.col("gex_start").mean(), pl.col("rv_mid_5m").mean(), pl.col("rv_mid_5m").std().alias("rv_sd"), pl.len()).sort("cell")
""")
code("""
# Paired by seed: each cell minus cell 0 (the smallest straddle); `gammaloop compare` gives CIs.
wide = summary.select("cell", "seed", "rv_mid_5m").pivot(on="cell", index="seed", values="rv_mid_5m").sort("seed")
for k in ["1", "2"]:
    d = (wide[k] - wide["0"]).drop_nulls()
    print(f"cell {k} - cell 0: mean rv_mid_5m difference {d.mean():.4f} over {d.len()} seeds (sd {d.std():.4f})")
trades = pl.scan_ipc(str(SWEEP / "trades"), hive_partitioning=True)
trades.filter(pl.col("liquidation")).group_by("cell", "seed").agg(pl.col("size").sum()).collect().sort("cell", "seed")
""")

nb = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}, "language_info": {"name": "python"}}, "nbformat": 4, "nbformat_minor": 5}
for i, c in enumerate(nb["cells"]):
    c["id"] = f"cell-{i:02d}"
with open("docs/notebooks/see-the-loop.ipynb", "w") as f:
    json.dump(nb, f, indent=1)
    f.write("\n")
