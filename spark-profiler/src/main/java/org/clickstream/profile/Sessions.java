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
 * before it when it starts less than {@code gap} after that session's last event so far
 * ({@link #combine}). Nearly every session lies within one task's split, so the runs are about as
 * many as the sessions.
 *
 * <p>Storage is primitive: per key index a chain of entries (time and flags in one long, the index
 * of the key's previous entry), so a key with one event costs a few array slots.
 */
final class Sessions {
    static final byte CART = 1;
    static final byte PURCHASE = 2;

    private Sessions() {
    }

    static byte flags(EventType type) {
        return type == EventType.CART ? CART : type == EventType.PURCHASE ? PURCHASE : 0;
    }

    /** Per key index, its entries (event second and flags, or whole runs) as chains in shared arrays. */
    static final class Chains {
        final LongArrayList starts = new LongArrayList();
        final LongArrayList ends = new LongArrayList();
        final ByteArrayList flags = new ByteArrayList();
        private final IntArrayList previous = new IntArrayList();
        private final IntArrayList last = new IntArrayList();

        /** A new key; returns its index. */
        int newKey() {
            last.add(-1);
            return last.size() - 1;
        }

        int keys() {
            return last.size();
        }

        void add(int key, long start, long end, byte entryFlags) {
            starts.add(start);
            ends.add(end);
            flags.add(entryFlags);
            previous.add(last.get(key));
            last.set(key, starts.size() - 1);
        }

        /** The key's entries as indexes (into {@link #starts} ...), in no particular order. */
        int entries(int key, IntArrayList into) {
            into.clear();
            for (int entry = last.get(key); entry >= 0; entry = previous.get(entry)) {
                into.add(entry);
            }
            return into.size();
        }
    }

    /** Receives one session (or run) of a key. */
    interface RunSink {
        void run(long start, long end, byte flags);
    }

    /**
     * Combines a key's entries (events: start = end; or runs) into sessions, in start order: an
     * entry starting less than {@code gapSeconds} after the latest end so far joins the session.
     */
    static void combine(Chains chains, int key, IntArrayList scratch, long[] order, double gapSeconds, RunSink sink) {
        int n = chains.entries(key, scratch);
        if (n == 1) {
            int e = scratch.get(0);
            sink.run(chains.starts.get(e), chains.ends.get(e), chains.flags.get(e));
            return;
        }
        long[] sorted = n <= order.length ? order : new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = scratch.get(i);
        }
        sortByStart(chains, sorted, n);
        long start = 0;
        long end = 0;
        byte flags = 0;
        for (int i = 0; i < n; i++) {
            int e = (int) sorted[i];
            long entryStart = chains.starts.get(e);
            if (i > 0 && entryStart - end >= gapSeconds) {
                sink.run(start, end, flags);
            }
            if (i == 0 || entryStart - end >= gapSeconds) {
                start = entryStart;
                end = chains.ends.get(e);
                flags = chains.flags.get(e);
            } else {
                end = Math.max(end, chains.ends.get(e));
                flags |= chains.flags.get(e);
            }
        }
        sink.run(start, end, flags);
    }

    private static void sortByStart(Chains chains, long[] entries, int n) {
        // Insertion sort for the short chains nearly every key has.
        if (n <= 16) {
            for (int i = 1; i < n; i++) {
                long entry = entries[i];
                long start = chains.starts.get((int) entry);
                int j = i - 1;
                while (j >= 0 && chains.starts.get((int) entries[j]) > start) {
                    entries[j + 1] = entries[j];
                    j--;
                }
                entries[j + 1] = entry;
            }
            return;
        }
        Long[] boxed = new Long[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = entries[i];
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(chains.starts.get((int) (long) a), chains.starts.get((int) (long) b)));
        for (int i = 0; i < n; i++) {
            entries[i] = boxed[i];
        }
    }
}
