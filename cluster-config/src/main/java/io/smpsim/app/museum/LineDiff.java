package io.smpsim.app.museum;

import java.util.List;
import java.util.function.Function;

/**
 * Which lines of two runs' output the other run also printed: a longest common subsequence over
 * the lines' keys (a kernel log line without its timestamp, since the same message can come a
 * few microseconds later once the quirk changed what ran before it).
 */
final class LineDiff {

  private LineDiff() {}

  /** Lines are compared without their printk stamp ("[    5.540083] "). */
  static String key(String line) {
    return line.replaceFirst("^(\\S+: )?\\[\\s*\\d+\\.\\d{6}\\] ", "$1");
  }

  /**
   * For each line of {@code a} and of {@code b}, whether it is matched in the other.
   *
   * @return {@code [inA, inB]}: {@code inA[i]} says line i of a is shared
   */
  static boolean[][] shared(List<String> linesA, List<String> linesB,
      Function<String, String> key) {
    List<String> a = linesA.stream().map(key).toList();
    List<String> b = linesB.stream().map(key).toList();
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    boolean[] inA = new boolean[n];
    boolean[] inB = new boolean[m];
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        inA[i++] = true;
        inB[j++] = true;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return new boolean[][] {inA, inB};
  }
}
