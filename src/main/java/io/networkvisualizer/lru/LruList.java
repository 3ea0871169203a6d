package io.networkvisualizer.lru;

/**
 * An intrusive list of tracked things in least-recently-seen order: touching one moves it to the newest end in O(1)
 * without allocating, so the oldest is always at hand for eviction and expiry.
 *
 * <p>The elements carry their own links ({@link Node}), so the list holds no entry objects and walking it allocates
 * nothing: {@code for (T n = list.oldest(); n != null; n = n.next())}. The table that owns a list keeps its own maps
 * and decides what to evict and when; the list only keeps the order. Not thread-safe: one owner at a time.
 */
public final class LruList<T extends LruList.Node<T>> {
  /** An element of one list: its links and when it was last seen (event time, nanoseconds). */
  public abstract static class Node<T extends Node<T>> {
    T prev;
    T next;
    /** Written by {@link LruList#touch} or by the element itself; never moved back by the list. */
    protected long lastSeen;

    /** When this element was last seen. */
    public final long lastSeen() {
      return lastSeen;
    }

    /** The element seen after this one (newer), or null at the newest end or once removed. */
    public final T next() {
      return next;
    }
  }

  private T head;
  private T tail;
  private int size;

  public int size() {
    return size;
  }

  /** The least recently seen element, or null when empty. */
  public T oldest() {
    return head;
  }

  /** The least recently seen element if it was last seen before {@code cutoffNanos}, else null: the next to expire. */
  public T oldestSeenBefore(long cutoffNanos) {
    T h = head;
    return h != null && h.lastSeen < cutoffNanos ? h : null;
  }

  /** Appends {@code node}, which must not be in a list, at the newest end; its time is left as it is. */
  public void add(T node) {
    node.prev = tail;
    node.next = null;
    if (tail != null) {
      tail.next = node;
    } else {
      head = node;
    }
    tail = node;
    size++;
  }

  /** Marks {@code node} (in this list) seen at {@code timeNanos}, never moving its time back, and makes it the newest. */
  public void touch(T node, long timeNanos) {
    if (timeNanos > node.lastSeen) {
      node.lastSeen = timeNanos;
    }
    moveToNewest(node);
  }

  /** Makes {@code node} (in this list) the newest without changing its time: for owners that set it themselves. */
  public void moveToNewest(T node) {
    if (node == tail) {
      return;
    }
    unlink(node);
    node.prev = tail;
    node.next = null;
    tail.next = node;
    tail = node;
  }

  /** Takes {@code node}, which must be in this list, out of it. */
  public void remove(T node) {
    unlink(node);
    node.prev = null;
    node.next = null;
    size--;
  }

  private void unlink(T node) {
    if (node.prev != null) {
      node.prev.next = node.next;
    } else if (head == node) {
      head = node.next;
    }
    if (node.next != null) {
      node.next.prev = node.prev;
    } else if (tail == node) {
      tail = node.prev;
    }
  }
}
