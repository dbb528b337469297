package io.smpsim.kernel.oprofile;

import io.smpsim.sim.SimMessage;

/** What {@code inject profiler} asks each CPU (oprofile's on_each_cpu() set-up and shutdown). */
public final class OprofileMail {

  private OprofileMail() {}

  /** Set the profiler up on this CPU; {@code counting}: this CPU's counter samples. */
  public record Start(boolean counting) implements SimMessage {}

  /** Shut the profiler down on this CPU. */
  public record Stop() implements SimMessage {}
}
