package io.smpsim.kernel.core;

import io.smpsim.sim.SimMessage;

/**
 * What a CPU does with one kind of kernel mail (an IPI's payload, an answer from a machine-wide
 * service): subsystems register one per message class they send to CPUs.
 *
 * @param <M> the message class
 */
@FunctionalInterface
public interface CpuMailHandler<M extends SimMessage> {

  /** Handles {@code msg} on {@code cpu}, in the context the mail arrived in. */
  void handle(KernelCpu cpu, M msg);
}
