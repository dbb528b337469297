package io.smpsim.app.cli;

import java.util.Set;

/**
 * "Did you mean" for a mistyped command or option, where picocli offers none: the known name
 * within two typing mistakes (a letter wrong, missing, extra, or two swapped).
 */
public final class Suggestions {

  private Suggestions() {}

  /** The name nearest to {@code typed} within edit distance 2 (the first of a tie), or null. */
  public static String nearest(String typed, Set<String> names) {
    String best = null;
    int bestDistance = 3;
    for (String n : names) {
      int d = distance(typed, n);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters is one. */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
