package org.clickstream.profile;

import com.carrotsearch.hppc.ByteArrayList;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import java.util.Arrays;
import org.clickstream.core.EventType;

/**
 * Sessions as Spark's {@code session_window} makes them: per key (the user_session, else the user),
 * a maximal run of events in event-time order each less than {@code gap} after the one before.
 *
 * <p>A task sees only its split of the file, so it cuts each key's events into <em>runs</em>, the
 * sessions of those events alone (start, end, whether one is a cart and one a purchase). Runs of
 * one key from several tasks combine exactly: no session boundary of the whole can fall inside a
 * run (events of other tasks only shorten its gaps), so sorted by start, a run joins the session
 * before it when it starts less than {@code gap} after that session's last event so far. Nearly
 * every session lies within one task's split, so the runs are about as many as the sessions.
 */
final class Sessions {
    static final byte CART = 1;
    static final byte PURCHASE = 2;

    private Sessions() {}

    static byte flags(EventType type) {
        return type == EventType.CART ? CART : type == EventType.PURCHASE ? PURCHASE : 0;
    }

    /** Receives the sessions of each key in turn (all of a key's sessions one after the other). */
    interface Sink {
        void session(int key, long start, long end, byte flags);
    }

    /**
     * Entries (events, start = end, or runs) of numbered keys, in primitive arrays in arrival order;
     * {@link #sessions} groups them by key with a counting sort, so the common key of one or two
     * entries costs a few array slots and no object.
     */
    static final class Entries {
        private final IntArrayList keys = new IntArrayList();
        private final LongArrayList starts = new LongArrayList();
        private final LongArrayList ends = new LongArrayList();
        private final ByteArrayList flags = new ByteArrayList();
        private int keyCount;

        /** A new key; returns its number. */
        int newKey() {
            return keyCount++;
        }

        void add(int key, long start, long end, byte entryFlags) {
            keys.add(key);
            starts.add(start);
            ends.add(end);
            flags.add(entryFlags);
        }

        /** Every key's sessions, keys in number order: its entries sorted by start, joined across gaps shorter than {@code gapSeconds}. */
        void sessions(double gapSeconds, Sink sink) {
            int n = keys.size();
            int[] offsets = new int[keyCount + 1];
            for (int i = 0; i < n; i++) {
                offsets[keys.get(i) + 1]++;
            }
            for (int k = 0; k < keyCount; k++) {
                offsets[k + 1] += offsets[k];
            }
            int[] next = Arrays.copyOf(offsets, keyCount);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[next[keys.get(i)]++] = i;
            }
            long[] start = starts.buffer;
            for (int k = 0; k < keyCount; k++) {
                int from = offsets[k];
                int to = offsets[k + 1];
                sortByStart(order, from, to, start);
                long first = 0;
                long last = 0;
                byte sessionFlags = 0;
                for (int i = from; i < to; i++) {
                    int e = order[i];
                    if (i > from && start[e] - last >= gapSeconds) {
                        sink.session(k, first, last, sessionFlags);
                    }
                    if (i == from || start[e] - last >= gapSeconds) {
                        first = start[e];
                        last = ends.get(e);
                        sessionFlags = flags.get(e);
                    } else {
                        last = Math.max(last, ends.get(e));
                        sessionFlags |= flags.get(e);
                    }
                }
                if (to > from) {
                    sink.session(k, first, last, sessionFlags);
                }
            }
        }

        private static void sortByStart(int[] order, int from, int to, long[] start) {
            if (to - from <= 32) {
                // Insertion sort: nearly every key has a few entries, nearly in order already.
                for (int i = from + 1; i < to; i++) {
                    int entry = order[i];
                    int j = i - 1;
                    while (j >= from && start[order[j]] > start[entry]) {
                        order[j + 1] = order[j];
                        j--;
                    }
                    order[j + 1] = entry;
                }
                return;
            }
            Integer[] boxed = new Integer[to - from];
            for (int i = from; i < to; i++) {
                boxed[i - from] = order[i];
            }
            Arrays.sort(boxed, (a, b) -> Long.compare(start[a], start[b]));
            for (int i = from; i < to; i++) {
                order[i] = boxed[i - from];
            }
        }
    }
}
