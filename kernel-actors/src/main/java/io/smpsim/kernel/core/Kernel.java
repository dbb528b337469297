package io.smpsim.kernel.core;

/**
 * A kernel build: the tables its subsystems registered. Entities that consult the tables (the
 * shell, each CPU) hold their kernel, which the composition implements as an enum constant, so
 * a checkpoint writes it as a name and reads back the same tables.
 */
public interface Kernel {

  /** What the subsystems registered, in composition order. */
  KernelTables tables();
}
