package io.smpsim.sim.testing;

import io.smpsim.sim.Address;
import io.smpsim.sim.Entity;
import io.smpsim.sim.EntityContext;
import io.smpsim.sim.SimMessage;

/** Outputs one line per event it handles: time, source and token label, in handling order. */
public final class RecorderEntity extends Entity<SimMessage> {

  @Override
  public void onEvent(EntityContext ctx, int src, SimMessage msg) {
    if (msg instanceof TestPayloads.SendTo s) {
      ctx.send(Address.of(s.to()), s.latency(), new TestPayloads.Token(0, "sent"));
      return;
    }
    String label = msg instanceof TestPayloads.Token t ? t.label() : msg.toString();
    ctx.output(new TestPayloads.Line(ctx.now() + " " + src + " " + label));
  }
}
