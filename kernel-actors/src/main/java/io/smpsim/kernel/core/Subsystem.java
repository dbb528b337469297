package io.smpsim.kernel.core;

/**
 * A part of the kernel that plugs into the core, as kernel code registers with the kernel's
 * tables at init: each subsystem package has one of these, and it registers what the package
 * owns (its /proc and /sys files, its shell commands, its per-CPU state and mail handlers, its
 * wire classes). The machine is the list of its subsystems; adding one (an RCU stall detector,
 * say) is its package and one line in that list, never an edit of a central switch.
 */
public interface Subsystem {

  /** Registers what this subsystem owns. */
  void register(Registry r);
}
