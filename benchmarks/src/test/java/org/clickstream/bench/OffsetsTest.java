package org.clickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetsTest {
    /** Two lines as the processor's BatchLog writes them; the first batch has no start offsets (the topic's beginning). */
    private static final String LOG = """
            {"batch":0,"rows":399996,"written_ms":1000,"duration_ms":110781,"phases_ms":{"addBatch":105074,"walCommit":332},\
            "start_offsets":null,"end_offsets":{"t":{"2":66499,"1":66805,"0":66694}}}
            {"batch":1,"rows":399996,"written_ms":2000,"duration_ms":107675,"phases_ms":{"addBatch":106934},\
            "start_offsets":{"t":{"2":66499,"1":66805,"0":66694}},"end_offsets":{"t":{"2":133100,"1":133700,"0":133196}}}
            """;

    @Test
    void aBatchsRecordsComeFromItsOffsetsNotFromSparksRowCount(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("batches.jsonl"), LOG);

        List<Offsets.Batch> batches = Offsets.readBatchLog(file, "t");

        assertThat(batches)
                .extracting(Offsets.Batch::records)
                .containsExactly(66499L + 66805 + 66694, (133100L - 66499) + (133700 - 66805) + (133196 - 66694));
        assertThat(batches).extracting(Offsets.Batch::durationMs).containsExactly(110781L, 107675L);
        assertThat(batches.get(0).phasesMs()).containsEntry("addBatch", 105074L).containsEntry("walCommit", 332L);
    }
}
