package io.smpsim.kernel.shell;

import io.smpsim.hw.apic.IoApic;
import io.smpsim.kernel.MachineConfig;
import io.smpsim.kernel.MachineLayout;
import io.smpsim.sim.EntityContext;

/**
 * The serial console's 16550A under the 8250 driver, as the shell's writes to /dev/console drive
 * it (drivers/tty/serial/8250/8250_port.c): serial8250_tx_chars() fills the 16-byte FIFO
 * (tx_loadsz) from each THRE interrupt, so a write of n bytes takes ceil(n / 16) interrupts on
 * IRQ 4, one as each FIFO load has gone out at the line's speed. The kernel's own messages are
 * no such writes: the console driver polls (serial8250_console_write()).
 */
final class Serial8250 {

  /** The 16550A's transmit FIFO, filled per interrupt. */
  static final int TX_LOADSZ = 16;
  /** COM1's ISA IRQ. */
  static final int IRQ = 4;
  /** serial8250_console_setup()'s speed when {@code console=ttyS0} names none. */
  static final int DEFAULT_BAUD = 9600;

  private Serial8250() {}

  /** The shell wrote {@code bytes} bytes to the console (nothing if the console is no UART). */
  static void write(EntityContext ctx, MachineConfig config, MachineLayout layout, int bytes) {
    if (bytes <= 0 || !config.kernelCmdline().consoleOn("ttyS0")) {
      return;
    }
    // 10 bits a byte on the line (start, 8 data, stop).
    long fifoNs = TX_LOADSZ * 10 * 1_000_000_000L / baud(config);
    for (int k = 1; k <= (bytes + TX_LOADSZ - 1) / TX_LOADSZ; k++) {
      ctx.send(layout.ioApic(), k * fifoNs, new IoApic.Irq(IRQ));
    }
  }

  /** The console's speed: {@code console=ttyS0,115200n8} gives 115200. */
  static int baud(MachineConfig config) {
    for (String v : config.kernelCmdline().values("console")) {
      if (v.startsWith("ttyS0,")) {
        String opt = v.substring("ttyS0,".length());
        int end = 0;
        while (end < opt.length() && Character.isDigit(opt.charAt(end))) {
          end++;
        }
        if (end > 0 && end < 10) {
          int baud = Integer.parseInt(opt.substring(0, end));
          if (baud > 0) {
            return baud;
          }
        }
      }
    }
    return DEFAULT_BAUD;
  }
}
