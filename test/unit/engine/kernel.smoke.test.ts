import { describe, expect, it } from 'vitest';
import { Kernel, type ActorContext } from '../../../src/engine/kernel.js';
import { ConstantLatency } from '../../../src/engine/latency.js';
import { MessagePool, MsgKind, newMessage, resetMessage, type Message } from '../../../src/model/messages.js';

type Ctx = ActorContext<Message>;

describe('kernel smoke', () => {
  it('delivers a ping-pong with link latency and wakes in time order', () => {
    const kernel = new Kernel<Message>({ rootSeed: 7, payloads: new MessagePool() });
    const log: string[] = [];
    const out = newMessage();
    const a = kernel.addActor('a', {
      onStart(ctx: Ctx) {
        ctx.wakeAt(5, 1);
        resetMessage(out, MsgKind.SubmitOrder).sizeLots = 3;
        ctx.send(1, out);
      },
      onWakeup(ctx: Ctx, tag: number) {
        log.push(`a wake ${tag} @${ctx.now}`);
      },
      onMessage(ctx: Ctx, msg: Readonly<Message>) {
        log.push(`a got ${msg.kind} size ${msg.sizeLots} @${ctx.now}`);
      },
    });
    const b = kernel.addActor('b', {
      onMessage(ctx: Ctx, msg: Readonly<Message>, from: number) {
        log.push(`b got ${msg.kind} size ${msg.sizeLots} from ${from} @${ctx.now}`);
        resetMessage(out, MsgKind.OrderAccepted).sizeLots = msg.sizeLots;
        ctx.send(from, out);
      },
    });
    kernel.setLinkLatency(a, b, new ConstantLatency(10), 'latency/b/a');
    kernel.setLinkLatency(b, a, new ConstantLatency(4), 'latency/b/a/back');
    kernel.runUntil(100);
    expect(log).toEqual(['a wake 1 @5', 'b got 1 size 3 from 0 @10', 'a got 20 size 3 @14']);
    expect(kernel.now).toBe(100);
  });
});
