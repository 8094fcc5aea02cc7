package org.clickstream.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forkless local file system against Hadoop's own, operation by operation: what Spark's
 * checkpoint manager does (create, write, rename over, status, permissions, symbolic links).
 */
class ForklessLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void writesAndRenamesCheckpointFilesAsHadoopsLocalFileSystemDoes() throws Exception {
        FileSystem hadoops = new LocalFileSystem();
        hadoops.initialize(java.net.URI.create("file:///"), new Configuration(false));
        FileSystem forkless = new ForklessLocalFileSystem();
        forkless.initialize(java.net.URI.create("file:///"), new Configuration(false));

        for (FileSystem fs : new FileSystem[] {hadoops, forkless}) {
            Path folder = new Path(dir.toUri().toString(), fs.getClass().getSimpleName());
            assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
            Path temp = new Path(folder, ".1.tmp");
            try (FSDataOutputStream out =
                    fs.create(temp, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20, null)) {
                out.write("{\"batch\":1}".getBytes(StandardCharsets.UTF_8));
            }
            Path done = new Path(folder, "1");
            assertThat(fs.rename(temp, done)).isTrue();
            fs.setPermission(done, new FsPermission((short) 0604));
        }
        for (String name : new String[] {"1", ".1.crc"}) {
            java.nio.file.Path expected = dir.resolve("LocalFileSystem").resolve(name);
            java.nio.file.Path actual = dir.resolve("ForklessLocalFileSystem").resolve(name);
            assertThat(actual).exists();
            assertThat(Files.readAllBytes(actual)).isEqualTo(Files.readAllBytes(expected));
            assertThat(Files.getPosixFilePermissions(actual)).isEqualTo(Files.getPosixFilePermissions(expected));
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve("ForklessLocalFileSystem")))
                .isEqualTo(Files.getPosixFilePermissions(dir.resolve("LocalFileSystem")));
        assertThat(dir.resolve("ForklessLocalFileSystem").resolve(".1.tmp")).doesNotExist();
    }

    @Test
    void fileContextRenamesOverAnExistingFileAndReportsFilesAndLinksAsHadoopDoes() throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.AbstractFileSystem.file.impl", ForklessLocalFileSystem.Fs.class.getName());
        conf.set("fs.file.impl", ForklessLocalFileSystem.class.getName());
        FileContext files = FileContext.getFileContext(java.net.URI.create("file:///"), conf);
        assertThat(files.getDefaultFileSystem()).isInstanceOf(ForklessLocalFileSystem.Fs.class);

        Path target = new Path(dir.toUri().toString(), "offsets-1");
        for (String content : new String[] {"first", "second"}) {
            Path temp = new Path(dir.toUri().toString(), ".offsets-1.tmp");
            try (FSDataOutputStream out = files.create(
                    temp,
                    EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE),
                    Options.CreateOpts.perms(new FsPermission((short) 0644)))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            files.rename(temp, target, Options.Rename.OVERWRITE);
        }
        assertThat(Files.readString(dir.resolve("offsets-1"))).isEqualTo("second");

        FileStatus file = files.getFileLinkStatus(target);
        assertThat(file.isFile()).isTrue();
        assertThat(file.isSymlink()).isFalse();
        assertThat(file.getLen()).isEqualTo("second".length());

        // A link and a file as Hadoop's own LocalFs tells them (it reads links through a shell command).
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("offsets-1"));
        FileContext hadoops = FileContext.getFileContext(java.net.URI.create("file:///"), new Configuration());
        for (String name : new String[] {"offsets-1", "link"}) {
            Path path = new Path(dir.toUri().toString(), name);
            FileStatus expected = hadoops.getFileLinkStatus(path);
            FileStatus actual = files.getFileLinkStatus(path);
            assertThat(actual.isSymlink()).as(name).isEqualTo(expected.isSymlink());
            assertThat(actual.isFile()).as(name).isEqualTo(expected.isFile());
            assertThat(actual.getLen()).as(name).isEqualTo(expected.getLen());
            assertThat(actual.getPath()).as(name).isEqualTo(expected.getPath());
        }

        assertThatThrownBy(() -> files.getFileLinkStatus(new Path(dir.toUri().toString(), "missing")))
                .isInstanceOf(FileNotFoundException.class);
    }
}
