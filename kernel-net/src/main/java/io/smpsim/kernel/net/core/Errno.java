package io.smpsim.kernel.net.core;

/** The errno values the network control plane returns, with glibc's {@code strerror} texts. */
public final class Errno {

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ENOMEM = 12;
  public static final int EBUSY = 16;
  public static final int EEXIST = 17;
  public static final int ENODEV = 19;
  public static final int EINVAL = 22;
  public static final int ENOSPC = 28;
  public static final int ERANGE = 34;
  public static final int ENOSYS = 38;
  public static final int ELOOP = 40;
  public static final int EOVERFLOW = 75;
  public static final int EOPNOTSUPP = 95;
  public static final int ENOBUFS = 105;

  private Errno() {}

  /** glibc's message for {@code errno}. */
  public static String strerror(int errno) {
    switch (errno) {
      case EPERM: return "Operation not permitted";
      case ENOENT: return "No such file or directory";
      case ENOMEM: return "Cannot allocate memory";
      case EBUSY: return "Device or resource busy";
      case EEXIST: return "File exists";
      case ENODEV: return "No such device";
      case EINVAL: return "Invalid argument";
      case ENOSPC: return "No space left on device";
      case ERANGE: return "Numerical result out of range";
      case ENOSYS: return "Function not implemented";
      case ELOOP: return "Too many levels of symbolic links";
      case EOVERFLOW: return "Value too large for defined data type";
      case EOPNOTSUPP: return "Operation not supported";
      case ENOBUFS: return "No buffer space available";
      default: return "Unknown error " + errno;
    }
  }
}
