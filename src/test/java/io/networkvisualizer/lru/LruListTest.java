package io.networkvisualizer.lru;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LruListTest {
  static final class Item extends LruList.Node<Item> {
    final String name;

    Item(String name, long firstSeen) {
      this.name = name;
      this.lastSeen = firstSeen;
    }

    /** What an owner that keeps its own time does (as the metrics edges do). */
    void seenAt(long timeNanos) {
      lastSeen = timeNanos;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static List<String> oldestFirst(LruList<Item> list) {
    List<String> names = new ArrayList<>();
    for (Item i = list.oldest(); i != null; i = i.next()) {
      names.add(i.name);
    }
    return names;
  }

  private static LruList<Item> listOf(Item... items) {
    LruList<Item> list = new LruList<>();
    for (Item i : items) {
      list.add(i);
    }
    return list;
  }

  @Test
  void emptyList_hasNoOldestAndSizeZero() {
    LruList<Item> list = new LruList<>();
    assertThat(list.size()).isZero();
    assertThat(list.oldest()).isNull();
    assertThat(list.oldestSeenBefore(Long.MAX_VALUE)).isNull();
  }

  @Test
  void add_appendsAtTheNewestEndAndKeepsTheTime() {
    Item a = new Item("a", 10);
    Item b = new Item("b", 5);
    LruList<Item> list = listOf(a, b);
    assertThat(list.size()).isEqualTo(2);
    assertThat(list.oldest()).isSameAs(a);
    assertThat(oldestFirst(list)).containsExactly("a", "b");
    assertThat(b.lastSeen()).isEqualTo(5);
    assertThat(b.next()).isNull();
  }

  @Test
  void touch_marksSeenAndMovesToTheNewestEnd() {
    Item a = new Item("a", 1);
    Item b = new Item("b", 2);
    Item c = new Item("c", 3);
    LruList<Item> list = listOf(a, b, c);
    list.touch(a, 4);
    assertThat(oldestFirst(list)).containsExactly("b", "c", "a");
    assertThat(a.lastSeen()).isEqualTo(4);
    list.touch(c, 5); // from the middle
    assertThat(oldestFirst(list)).containsExactly("b", "a", "c");
    list.touch(c, 6); // already the newest
    assertThat(oldestFirst(list)).containsExactly("b", "a", "c");
    assertThat(c.lastSeen()).isEqualTo(6);
    assertThat(list.size()).isEqualTo(3);
  }

  @Test
  void touch_neverMovesTimeBackButStillMakesTheNewest() {
    Item a = new Item("a", 100);
    Item b = new Item("b", 50);
    LruList<Item> list = listOf(a, b);
    list.touch(a, 20); // a late flow
    assertThat(a.lastSeen()).as("time not moved back").isEqualTo(100);
    assertThat(oldestFirst(list)).containsExactly("b", "a");
    list.touch(a, 100);
    assertThat(a.lastSeen()).isEqualTo(100);
  }

  @Test
  void moveToNewest_leavesTheTimeToTheOwner() {
    Item a = new Item("a", 7);
    Item b = new Item("b", 8);
    LruList<Item> list = listOf(a, b);
    list.moveToNewest(a);
    assertThat(oldestFirst(list)).containsExactly("b", "a");
    assertThat(a.lastSeen()).isEqualTo(7);
    a.seenAt(9);
    assertThat(a.lastSeen()).isEqualTo(9);
  }

  @Test
  void remove_takesOutOldestMiddleAndNewestAndUnlinks() {
    Item a = new Item("a", 1);
    Item b = new Item("b", 2);
    Item c = new Item("c", 3);
    Item d = new Item("d", 4);
    LruList<Item> list = listOf(a, b, c, d);
    list.remove(b);
    assertThat(oldestFirst(list)).containsExactly("a", "c", "d");
    assertThat(b.next()).isNull();
    list.remove(a);
    assertThat(list.oldest()).isSameAs(c);
    list.remove(d);
    assertThat(oldestFirst(list)).containsExactly("c");
    assertThat(list.size()).isEqualTo(1);
    list.add(a); // the tail was fixed: adding goes after c
    assertThat(oldestFirst(list)).containsExactly("c", "a");
    list.remove(c);
    list.remove(a);
    assertThat(list.size()).isZero();
    assertThat(list.oldest()).isNull();
    list.add(b); // reusable once empty
    assertThat(oldestFirst(list)).containsExactly("b");
  }

  @Test
  void oldestSeenBefore_givesTheOldestOnlyWhenItIsOlderThanTheCutoff() {
    Item a = new Item("a", 10);
    Item b = new Item("b", 20);
    LruList<Item> list = listOf(a, b);
    assertThat(list.oldestSeenBefore(10)).as("not strictly before").isNull();
    assertThat(list.oldestSeenBefore(11)).isSameAs(a);
    List<String> expired = new ArrayList<>();
    for (Item i; (i = list.oldestSeenBefore(25)) != null; ) {
      expired.add(i.name);
      list.remove(i);
    }
    assertThat(expired).containsExactly("a", "b");
    assertThat(list.size()).isZero();
  }

  @Test
  void expiryFromTheOldest_stopsAtTheFirstRecentOneEvenIfOlderOnesFollow() {
    // the order is by touch, not by time: a late touch keeps its (newer) time at the newest end
    Item a = new Item("a", 30);
    Item b = new Item("b", 10);
    LruList<Item> list = listOf(a, b);
    assertThat(list.oldestSeenBefore(20)).isNull();
  }
}
