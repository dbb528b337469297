package io.smpsim.kernel.cpu;

import io.smpsim.kernel.hotplug.MaskFile;
import io.smpsim.kernel.CpuId;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.hotplug.CpuHotplug;

/** /proc/cpuinfo (arch/x86/kernel/cpu/proc.c): one block per online CPU. */
public record CpuInfoFile() implements MaskFile {

  @Override
  public String render(CpuHotplug.Masks m, MachineConfig c) {
    StringBuilder b = new StringBuilder();
    int perSocket = Math.max(1, c.cpus() / Math.max(1, c.sockets()));
    String mhz = (c.cpuKhz() / 1000) + "." + String.format("%03d", c.cpuKhz() % 1000);
    String bogomips = BootLog.bogomips(BootLog.lpj(c), c.hz());
    for (int cpu = m.online().nextSetBit(0); cpu >= 0; cpu = m.online().nextSetBit(cpu + 1)) {
      b.append("processor\t: ").append(cpu).append('\n')
          .append("vendor_id\t: ")
          .append(CpuId.amd(c.cpuModel()) ? "AuthenticAMD" : "GenuineIntel").append('\n')
          .append("cpu family\t: ").append(c.cpuId().family()).append('\n')
          .append("model\t\t: ").append(c.cpuId().model()).append('\n')
          .append("model name\t: ").append(c.cpuModel()).append('\n')
          .append("stepping\t: ").append(c.cpuId().stepping()).append('\n')
          .append("microcode\t: 0x1\n")
          .append("cpu MHz\t\t: ").append(mhz).append('\n')
          .append("cache size\t: 16384 KB\n")
          .append("physical id\t: ").append(cpu / perSocket).append('\n')
          .append("siblings\t: ").append(perSocket).append('\n')
          .append("core id\t\t: ").append(cpu % perSocket).append('\n')
          .append("cpu cores\t: ").append(perSocket).append('\n')
          .append("apicid\t\t: ").append(cpu).append('\n')
          .append("initial apicid\t: ").append(cpu).append('\n')
          .append("fpu\t\t: yes\n")
          .append("fpu_exception\t: yes\n")
          .append("cpuid level\t: 13\n")
          .append("wp\t\t: yes\n")
          .append("flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat"
              + " pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm"
              + (c.cpuId().constantTsc(c.cpuModel()) ? " constant_tsc" : "")
              + " arch_perfmon rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq ssse3"
              + " fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave"
              + " avx f16c rdrand lahf_lm abm 3dnowprefetch\n")
          .append("bugs\t\t:\n")
          .append("bogomips\t: ").append(bogomips).append('\n')
          .append("clflush size\t: 64\n")
          .append("cache_alignment\t: 64\n")
          .append("address sizes\t: 46 bits physical, 48 bits virtual\n")
          .append("power management:\n\n");
    }
    return b.toString();
  }
}
