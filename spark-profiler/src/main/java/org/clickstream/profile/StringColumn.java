package org.clickstream.profile;

import com.carrotsearch.hppc.ByteArrayList;
import com.carrotsearch.hppc.IntArrayList;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Many short strings as one UTF-8 byte array and their end offsets: what a task sends of its
 * session ids. Java serialization of a String[] costs a handle-table entry per string; this is two
 * array copies.
 */
final class StringColumn implements Serializable {
    private final byte[] bytes;
    private final int[] ends;

    private StringColumn(byte[] bytes, int[] ends) {
        this.bytes = bytes;
        this.ends = ends;
    }

    int size() {
        return ends.length;
    }

    String get(int i) {
        int start = i == 0 ? 0 : ends[i - 1];
        return new String(bytes, start, ends[i] - start, StandardCharsets.UTF_8);
    }

    static final class Builder {
        private final ByteArrayList bytes = new ByteArrayList();
        private final IntArrayList ends = new IntArrayList();

        void add(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            bytes.add(utf8, 0, utf8.length);
            ends.add(bytes.size());
        }

        StringColumn build() {
            return new StringColumn(bytes.toArray(), ends.toArray());
        }
    }
}
