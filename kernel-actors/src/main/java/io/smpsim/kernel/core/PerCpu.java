package io.smpsim.kernel.core;

/**
 * A subsystem's per-CPU variable (the kernel's DEFINE_PER_CPU): the subsystem declares the key
 * as a constant and registers how each CPU's copy starts ({@link Registry#perCpu}); its code
 * reaches this CPU's copy with {@link KernelCpu#get}. The core never sees the type.
 *
 * @param name the variable's name, for messages
 * @param <T> the variable's type
 */
public record PerCpu<T>(String name) {}
