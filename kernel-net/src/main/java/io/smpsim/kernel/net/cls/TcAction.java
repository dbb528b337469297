package io.smpsim.kernel.net.cls;

/** Classifier verdicts (include/uapi/linux/pkt_cls.h TC_ACT_*) and their gact names. */
public final class TcAction {

  public static final int UNSPEC = -1;
  public static final int OK = 0;
  public static final int RECLASSIFY = 1;
  public static final int SHOT = 2;
  public static final int PIPE = 3;
  public static final int STOLEN = 4;

  private TcAction() {}

  /** The gact keyword tc prints ({@code pass}, {@code drop}, ...). */
  public static String name(int action) {
    switch (action) {
      case OK: return "pass";
      case SHOT: return "drop";
      case PIPE: return "pipe";
      case STOLEN: return "stolen";
      case RECLASSIFY: return "reclassify";
      default: return "continue";
    }
  }
}
