package io.smpsim.kernel.hotplug;

import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.core.ShellJob;

/**
 * /sys/devices/system/cpu/cpuN/hotplug/target (kernel/cpu.c target_show, target_store). It reads
 * like hotplug/state (an operation runs to its end before the next, so the target is the state
 * whenever the shell reads it). A write is parsed by kstrtoint(buf, 10); without
 * CONFIG_CPU_HOTPLUG_STATE_CONTROL (the recorded Debian kernel) only CPUHP_OFFLINE and
 * CPUHP_ONLINE are targets, anything else is EINVAL; then cpu_down() or cpu_up() runs like a
 * write to the online file, and the current state is a no-op.
 *
 * @param cpu the CPU
 */
public record CpuHotplugTargetFile(int cpu) implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig config) {
    return new CpuHotplugStateFile(cpu).render(m, config);
  }

  @Override
  public ShellJob write(String value) {
    Parsed p = kstrtoint(value);
    if (p.error() != null) {
      return HotplugWriteJob.refused(p.error());
    }
    int target = p.value();
    if (target != CpuhpStates.OFFLINE && target != CpuhpStates.ONLINE) {
      return HotplugWriteJob.refused("Invalid argument");
    }
    return new HotplugWriteJob(cpu, target == CpuhpStates.ONLINE);
  }

  /** What kstrtoint() makes of a write: the value, or the errno's strerror() text. */
  record Parsed(Integer value, String error) {}

  /**
   * lib/kstrtox.c kstrtoint(s, 10): an optional sign, decimal digits, at most one trailing
   * newline and nothing else; EINVAL for anything else, ERANGE for a value outside int.
   */
  static Parsed kstrtoint(String s) {
    String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    boolean neg = t.startsWith("-");
    String digits = neg || t.startsWith("+") ? t.substring(1) : t;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return new Parsed(null, "Invalid argument");
    }
    java.math.BigInteger v = new java.math.BigInteger(digits);
    if (neg) {
      v = v.negate();
    }
    if (v.bitLength() > 31) {
      return new Parsed(null, "Numerical result out of range");
    }
    return new Parsed(v.intValue(), null);
  }
}
