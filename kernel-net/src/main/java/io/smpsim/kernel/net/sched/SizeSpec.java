package io.smpsim.kernel.net.sched;

/**
 * struct tc_sizespec plus its table (TCA_STAB_BASE and TCA_STAB_DATA), as iproute2 computed it.
 *
 * @param data the size table, {@code null} when tsize is 0 (overhead only)
 */
public record SizeSpec(int cellLog, int sizeLog, int cellAlign, int overhead, int linklayer,
    int mpu, int mtu, int tsize, int[] data) {

  public static final int LINKLAYER_UNSPEC = 0;
  public static final int LINKLAYER_ETHERNET = 1;
  public static final int LINKLAYER_ATM = 2;
}
