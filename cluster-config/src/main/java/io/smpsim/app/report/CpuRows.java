package io.smpsim.app.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A big machine's CPU timeline with several CPUs to a row: one row per CPU made an 8,192-CPU
 * machine a page of 8,192 one-pixel rows, 30 MB of SVG that no browser shows usefully (and the
 * million-CPU world's report half a gigabyte). A row shows, for each pixel of time, the most
 * notable state any of its CPUs was in then ({@link #ORDER}); stuck stretches and the busy and
 * irqs-off bands are merged the same way. Every CPU's own spans stay in {@code cpu-states.csv}.
 */
final class CpuRows {

  /** States by how notable they are in a row, the least first. */
  static final List<String> ORDER = List.of("online", "booting", "suspended", "offline",
      "panicked");

  /** CPUs {@code firstCpu..lastCpu} (row {@code row}) in {@code state} over pixels [from, to). */
  record Run(int row, int firstCpu, int lastCpu, String state, int fromPx, int toPx) {}

  private final int cpus;
  private final int perRow;
  private final int rows;
  private final int width;
  private final long endNs;

  /**
   * @param cpus the machine's CPUs
   * @param maxRows at most this many rows
   * @param width pixels of time
   * @param endNs the simulated time the width shows
   */
  CpuRows(int cpus, int maxRows, int width, long endNs) {
    this.cpus = cpus;
    this.perRow = (cpus + maxRows - 1) / maxRows;
    this.rows = (cpus + perRow - 1) / perRow;
    this.width = width;
    this.endNs = Math.max(1, endNs);
  }

  int perRow() {
    return perRow;
  }

  int rows() {
    return rows;
  }

  int row(int cpu) {
    return cpu / perRow;
  }

  int firstCpu(int row) {
    return row * perRow;
  }

  int lastCpu(int row) {
    return Math.min(cpus, (row + 1) * perRow) - 1;
  }

  /** The pixel {@code ns} falls in. */
  int px(long ns) {
    return (int) Math.min(width - 1, Math.max(0, ns) * (double) width / endNs);
  }

  /** The first pixel after a span that ends at {@code ns} and starts in pixel {@code from}. */
  private int pxEnd(long ns, int from) {
    int p = (int) Math.ceil(Math.min(ns, endNs) * (double) width / endNs);
    return Math.min(width, Math.max(from + 1, p));
  }

  /** Per row, runs of the most notable state its CPUs were in; spans of other states ignored. */
  List<Run> states(List<CpuTimeline.Span> spans) {
    List<Run> runs = new ArrayList<>();
    int[][] byRow = byRow(spans);
    // Per state, how many of the row's CPUs enter (+1) and leave (-1) it at each pixel: one
    // buffer, cleared for each row (a million CPUs' worth would be a gigabyte).
    int[][] diff = new int[ORDER.size()][width + 1];
    int[] count = new int[ORDER.size()];
    for (int r = 0; r < rows; r++) {
      for (int[] d : diff) {
        java.util.Arrays.fill(d, 0);
      }
      for (int i : byRow[r]) {
        CpuTimeline.Span s = spans.get(i);
        int state = ORDER.indexOf(s.state());
        if (state >= 0) {
          int p0 = px(s.fromNs());
          diff[state][p0]++;
          diff[state][pxEnd(s.toNs(), p0)]--;
        }
      }
      java.util.Arrays.fill(count, 0);
      int open = -1;
      int start = 0;
      for (int p = 0; p <= width; p++) {
        int top = -1;
        if (p < width) {
          for (int st = 0; st < count.length; st++) {
            count[st] += diff[st][p];
            if (count[st] > 0) {
              top = st;
            }
          }
        }
        if (top != open) {
          if (open >= 0) {
            runs.add(new Run(r, firstCpu(r), lastCpu(r), ORDER.get(open), start, p));
          }
          open = top;
          start = p;
        }
      }
    }
    return runs;
  }

  /** Per row, the pixels any of its CPUs' {@code spans} cover, as runs in {@code state}. */
  List<Run> covered(List<CpuTimeline.Span> spans, String state) {
    List<Run> runs = new ArrayList<>();
    int[][] byRow = byRow(spans);
    int[] diff = new int[width + 1];
    for (int r = 0; r < rows; r++) {
      if (byRow[r].length == 0) {
        continue;
      }
      java.util.Arrays.fill(diff, 0);
      for (int i : byRow[r]) {
        CpuTimeline.Span s = spans.get(i);
        int p0 = px(s.fromNs());
        diff[p0]++;
        diff[pxEnd(s.toNs(), p0)]--;
      }
      int n = 0;
      int start = -1;
      for (int p = 0; p <= width; p++) {
        n += p < width ? diff[p] : 0;
        boolean on = p < width && n > 0;
        if (on && start < 0) {
          start = p;
        } else if (!on && start >= 0) {
          runs.add(new Run(r, firstCpu(r), lastCpu(r), state, start, p));
          start = -1;
        }
      }
    }
    return runs;
  }

  /** The indexes of the spans (of this machine's CPUs, not empty) of each row, in order. */
  private int[][] byRow(List<CpuTimeline.Span> spans) {
    int[] n = new int[rows];
    for (CpuTimeline.Span s : spans) {
      if (s.cpu() < cpus && s.toNs() > s.fromNs()) {
        n[row(s.cpu())]++;
      }
    }
    int[][] byRow = new int[rows][];
    for (int r = 0; r < rows; r++) {
      byRow[r] = new int[n[r]];
      n[r] = 0;
    }
    for (int i = 0; i < spans.size(); i++) {
      CpuTimeline.Span s = spans.get(i);
      if (s.cpu() < cpus && s.toNs() > s.fromNs()) {
        int r = row(s.cpu());
        byRow[r][n[r]++] = i;
      }
    }
    return byRow;
  }

  /**
   * Per row, the nanoseconds its CPUs spent in {@code state} per pixel, divided by the CPUs of a
   * row: the share of the row's time, as a one-CPU row's band shows its CPU's.
   */
  Map<Integer, TreeMap<Integer, Double>> shares(List<CpuTimeline.Span> spans, String state) {
    double bucketNs = (double) endNs / width;
    Map<Integer, TreeMap<Integer, Double>> byRow = new TreeMap<>();
    for (CpuTimeline.Span s : spans) {
      if (!s.state().equals(state) || s.cpu() >= cpus) {
        continue;
      }
      TreeMap<Integer, Double> share = byRow.computeIfAbsent(row(s.cpu()), r -> new TreeMap<>());
      int b0 = (int) Math.min(width - 1, s.fromNs() / bucketNs);
      int b1 = (int) Math.min(width - 1, (s.toNs() - 1) / bucketNs);
      for (int k = b0; k <= b1; k++) {
        double from = Math.max(s.fromNs(), k * bucketNs);
        double to = Math.min(s.toNs(), (k + 1) * bucketNs);
        share.merge(k, Math.max(0, to - from) / perRow, Double::sum);
      }
    }
    return byRow;
  }
}
