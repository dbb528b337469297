package io.smpsim.kernel.linux;

import io.smpsim.sim.serialization.KryoRegistrar;
import java.util.List;

/** The kernel's wire classes: what each of its subsystems registered, in composition order. */
public final class KernelRegistrar implements KryoRegistrar {

  @Override
  public List<Class<?>> classes() {
    return Linux.KERNEL.tables().wireClasses();
  }
}
