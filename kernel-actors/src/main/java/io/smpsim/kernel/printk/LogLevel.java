package io.smpsim.kernel.printk;

/** printk log levels (include/linux/kern_levels.h). */
public enum LogLevel {
  EMERG, ALERT, CRIT, ERR, WARNING, NOTICE, INFO, DEBUG;

  /** The numeric level, 0 (KERN_EMERG) to 7 (KERN_DEBUG). */
  public int number() {
    return ordinal();
  }
}
