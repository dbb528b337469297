package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.core.CpuList;
import io.smpsim.kernel.MachineConfig;
import java.util.BitSet;

/**
 * /sys/devices/system/cpu/{online,offline,possible,present} (drivers/base/cpu.c): range lists
 * of the masks; {@code offline} is possible minus online.
 *
 * @param kind which mask
 */
public record CpuMaskFile(Kind kind) implements MaskFile {

  /** The four mask files. */
  public enum Kind { ONLINE, OFFLINE, POSSIBLE, PRESENT }

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    BitSet mask = switch (kind) {
      case ONLINE -> m.online();
      case POSSIBLE -> m.possible();
      case PRESENT -> m.present();
      case OFFLINE -> {
        BitSet off = (BitSet) m.possible().clone();
        off.andNot(m.online());
        yield off;
      }
    };
    return CpuList.format(mask) + "\n";
  }
}
