package org.clickstream.processor;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a child process per checkpoint file.
 *
 * <p>Without Hadoop's native library (Maven Central has none, so no install of this project has
 * it), {@link RawLocalFileSystem} runs {@code chmod} for every file it creates and {@code readlink}
 * for every rename. A micro-batch writes a handful of files per query (offset log, commit log, each
 * state partition's delta, their checksums), each created and renamed: measured at 1,000 events/s
 * with every table, about a tenth of the busy task and query threads' stack samples were in
 * {@code forkAndExec}, most of {@code walCommit} and {@code commitOffsets}. Here the permissions are
 * set through {@code java.nio} and a path that is no symbolic link is simply stat-ed, which is what
 * Hadoop's code does once its shell commands return. Everything else is Hadoop's own.
 *
 * <p>{@link SparkSessions} registers it for both of Hadoop's APIs: {@code fs.file.impl}
 * ({@code FileSystem}) and {@code fs.AbstractFileSystem.file.impl} ({@code FileContext}, which
 * Spark's checkpoint manager uses). Other schemes (HDFS on a cluster) are untouched.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {
    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (unchecksummed) file system, with the two shell commands replaced. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path path, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) {
                super.setPermission(path, permission);
                return;
            }
            Files.setPosixFilePermissions(
                    pathToFile(path).toPath(), PosixFilePermissions.fromString(permission.toString()));
        }

        @Override
        public FileStatus getFileLinkStatus(Path path) throws IOException {
            if (Files.isSymbolicLink(pathToFile(path).toPath())) {
                return super.getFileLinkStatus(path);
            }
            return getFileStatus(path);
        }
    }

    /** The same for {@code FileContext}: checksummed like Hadoop's {@code LocalFs}, over {@link Raw}. */
    public static final class Fs extends ChecksumFs {
        public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(new RawFs(uri, conf));
        }
    }

    /** As Hadoop's {@code RawLocalFs}, whose constructor is package-private, over {@link Raw}. */
    static final class RawFs extends DelegateToFileSystem {
        RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
            super(uri, new Raw(), conf, "file", false);
        }

        @Override
        public int getUriDefaultPort() {
            return -1;
        }

        @Override
        @SuppressWarnings("deprecation")
        public FsServerDefaults getServerDefaults() throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public FsServerDefaults getServerDefaults(Path path) throws IOException {
            return LocalConfigKeys.getServerDefaults();
        }

        @Override
        public boolean isValidName(String src) {
            return true;
        }
    }
}
