/**
 * How the venue wakes an agent whose mid threshold was crossed. The kernel lets an actor schedule
 * only its own wake-ups, so the world builder hands the venue a sink that schedules the agent's
 * wake-up through the kernel (`kernel.contextOf(agent).wakeAt(...)`), adding that agent's
 * market-data latency: the agent wakes exactly when its delayed `ctx.market(...)` view first
 * shows the crossing. This keeps `MarketAccess.watchMid`'s contract ("wakes the caller with
 * `tag`"): the agent receives `onWakeup(ctx, tag)`, not a message.
 */

/** Schedules `onWakeup(tag)` of `agentId` for a crossing that happened at `crossedAtNs` (venue time). */
export type WakeAgent = (agentId: number, tag: number, crossedAtNs: number) => void;

/** The common case: wake via kernel contexts after the agent's market-data latency. */
export function wakeViaContexts(
  contextOf: (agentId: number) => { wakeAt(timeNs: number, tag?: number): void },
  marketDataLatencyNs: (agentId: number) => number,
): WakeAgent {
  return (agentId, tag, crossedAtNs) => {
    contextOf(agentId).wakeAt(crossedAtNs + marketDataLatencyNs(agentId), tag);
  };
}
