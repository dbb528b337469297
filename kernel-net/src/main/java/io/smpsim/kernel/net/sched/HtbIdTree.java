package io.smpsim.kernel.net.sched;

/**
 * The id trees of sch_htb.c ({@code htb_add_to_id_tree()}): the classes of one row or one inner
 * class's feed at one priority, ordered by classid. The kernel threads an rb-tree through
 * {@code cl->node[prio]}; this is a treap threaded through {@link HtbClass#left}/{@link
 * HtbClass#right} at index {@code prio}, so a class sits in at most one tree per priority, as in
 * the kernel, and inserting or removing one allocates nothing. The heap order comes from a fixed
 * mix of the classid, so the shape is the same on every run.
 */
final class HtbIdTree {

  private HtbIdTree() {}

  /** Inserts {@code n} into the tree rooted at {@code root}; returns the new root. */
  static HtbClass insert(HtbClass root, HtbClass n, int prio) {
    if (root == null) {
      n.left[prio] = null;
      n.right[prio] = null;
      return n;
    }
    if (Integer.compareUnsigned(n.classid, root.classid) < 0) {
      root.left[prio] = insert(root.left[prio], n, prio);
      if (root.left[prio].weight > root.weight) {
        HtbClass l = root.left[prio];
        root.left[prio] = l.right[prio];
        l.right[prio] = root;
        return l;
      }
    } else {
      root.right[prio] = insert(root.right[prio], n, prio);
      if (root.right[prio].weight > root.weight) {
        HtbClass r = root.right[prio];
        root.right[prio] = r.left[prio];
        r.left[prio] = root;
        return r;
      }
    }
    return root;
  }

  /** Removes {@code n} from the tree rooted at {@code root}; returns the new root. */
  static HtbClass remove(HtbClass root, HtbClass n, int prio) {
    if (root == null) {
      return null;
    }
    if (root == n) {
      HtbClass merged = merge(n.left[prio], n.right[prio], prio);
      n.left[prio] = null;
      n.right[prio] = null;
      return merged;
    }
    if (Integer.compareUnsigned(n.classid, root.classid) < 0) {
      root.left[prio] = remove(root.left[prio], n, prio);
    } else {
      root.right[prio] = remove(root.right[prio], n, prio);
    }
    return root;
  }

  private static HtbClass merge(HtbClass a, HtbClass b, int prio) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (a.weight > b.weight) {
      a.right[prio] = merge(a.right[prio], b, prio);
      return a;
    }
    b.left[prio] = merge(a, b.left[prio], prio);
    return b;
  }

  /**
   * The round-robin pick: the first class whose classid is at or after {@code ptr} (unsigned),
   * wrapping to the first of the tree; {@code null} for an empty tree.
   */
  static HtbClass atOrAfter(HtbClass root, int ptr, int prio) {
    HtbClass best = null;
    HtbClass node = root;
    while (node != null) {
      if (Integer.compareUnsigned(node.classid, ptr) >= 0) {
        best = node;
        node = node.left[prio];
      } else {
        node = node.right[prio];
      }
    }
    if (best != null || root == null) {
      return best;
    }
    node = root;
    while (node.left[prio] != null) {
      node = node.left[prio];
    }
    return node;
  }
}
