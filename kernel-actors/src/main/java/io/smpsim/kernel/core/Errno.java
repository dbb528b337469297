package io.smpsim.kernel.core;

/** The errnos a /proc/sys or /sys write can fail with, and how strerror() names them. */
public enum Errno {
  EIO(5, "Input/output error"),
  EBUSY(16, "Device or resource busy"),
  EINVAL(22, "Invalid argument"),
  ERANGE(34, "Numerical result out of range"),
  ENODATA(61, "No data available"),
  /** The kernel-internal ENOTSUPP, which user space has no name for. */
  ENOTSUPP(524, "Unknown error 524"),
  ENODEV(19, "No such device"),
  EAGAIN(11, "Resource temporarily unavailable");

  private final int number;
  private final String text;

  Errno(int number, String text) {
    this.number = number;
    this.text = text;
  }

  public int number() {
    return number;
  }

  /** strerror(): what busybox prints after "write error: ". */
  public String text() {
    return text;
  }
}
