package io.networkvisualizer.anomaly;

import java.util.function.Consumer;

/**
 * An intrusive list of tracked things in least-recently-seen order: touching one moves it to the newest end in O(1)
 * without allocating, so the oldest is always at hand for eviction and expiry.
 */
final class LruList<T extends LruList.Node<T>> {
  /** An element of one list: its links and when it was last seen (event time). */
  abstract static class Node<T> {
    T prev;
    T next;
    long lastSeen;
    /** Set when removed from its table, so that holders of a stale reference notice. */
    boolean removed;
  }

  private T head;
  private T tail;
  private int size;

  int size() {
    return size;
  }

  T oldest() {
    return head;
  }

  void add(T node) {
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

  /** Marks {@code node} seen at {@code timeNanos} (never moving its time back) and makes it the newest. */
  void touch(T node, long timeNanos) {
    if (timeNanos > node.lastSeen) {
      node.lastSeen = timeNanos;
    }
    if (node == tail) {
      return;
    }
    unlink(node);
    node.prev = tail;
    node.next = null;
    tail.next = node;
    tail = node;
  }

  void remove(T node) {
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

  /** Visits every element, oldest first; the action must not remove elements. */
  void forEach(Consumer<T> action) {
    for (T n = head; n != null; n = n.next) {
      action.accept(n);
    }
  }
}
