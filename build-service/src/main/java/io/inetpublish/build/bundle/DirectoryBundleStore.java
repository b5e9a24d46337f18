package io.inetpublish.build.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import lombok.extern.slf4j.Slf4j;

/**
 * Bundles as files under one directory: {@code <root>/<build id>/<n>}. A copy is staged as
 * {@code <root>/.staging/<random>.part}, forced to disk, and published with an atomic rename on the same file system,
 * so a reader sees the whole file or none. A file opened for a download stays readable to the end even if a
 * retention run removes it meanwhile (POSIX unlink semantics); retention does not remove bundles being read anyway.
 */
@Slf4j
public class DirectoryBundleStore implements BundleStore {

    /** Keys are made by the platform ({@code <uuid>/<position>}); anything else is refused, so no path escapes. */
    static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/[0-9]{1,5}");

    private final Path root;
    private final Path staging;

    public DirectoryBundleStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.staging = this.root.resolve(".staging");
        Files.createDirectories(staging);
        log.info("Bundles are kept in the directory {}", this.root);
    }

    @Override
    public String name() {
        return "directory";
    }

    public Path root() {
        return root;
    }

    @Override
    public Staged stage(String key, InputStream in, Digests.Progress progress) throws IOException {
        path(key);
        Path part = staging.resolve(UUID.randomUUID() + ".part");
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            Digests.Result result = Digests.copy(in, out, progress);
            channel.force(true);
            return new Staged(key, part.getFileName().toString(), result);
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(part);
            throw ex;
        }
    }

    @Override
    public String stagedSha256(Staged staged) throws IOException {
        try (InputStream in = Files.newInputStream(staged(staged))) {
            return Digests.sha256Of(in);
        }
    }

    @Override
    public void publish(Staged staged) throws IOException {
        Path target = path(staged.key());
        Files.createDirectories(target.getParent());
        try {
            Files.move(staged(staged), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
            throw new IOException("the bundle directory " + root + " cannot rename atomically", ex);
        }
    }

    @Override
    public void discard(Staged staged) {
        try {
            Files.deleteIfExists(staged(staged));
        } catch (IOException ex) {
            log.warn("Could not remove the staged copy {}: {}", staged.stagingRef(), ex.getMessage());
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Path file = path(key);
        Files.deleteIfExists(file);
        try (var left = Files.list(file.getParent())) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(file.getParent());
            }
        } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException ex) {
            // another file of the bundle, or already gone
        }
    }

    @Override
    public Swept sweep(Instant stagedBefore, Instant publishedBefore, Predicate<String> keep) throws IOException {
        int staged = 0;
        try (var parts = Files.list(staging)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                if (olderThan(part, stagedBefore) && removed(part)) {
                    staged++;
                }
            }
        }
        int published = 0;
        try (var builds = Files.list(root)) {
            for (Path build : builds.filter(Files::isDirectory).filter(p -> !p.equals(staging)).toList()) {
                List<Path> files;
                try (var inside = Files.list(build)) {
                    files = inside.toList();
                } catch (NoSuchFileException ex) {
                    continue;
                }
                for (Path file : files) {
                    String key = build.getFileName() + "/" + file.getFileName();
                    if (KEY.matcher(key).matches() && olderThan(file, publishedBefore) && !keep.test(key)) {
                        try {
                            delete(key);
                            published++;
                        } catch (IOException ex) {
                            log.warn("Could not remove the orphaned bundle file {}: {}", key, ex.getMessage());
                        }
                    }
                }
            }
        }
        return new Swept(staged, published);
    }

    private static boolean olderThan(Path file, Instant before) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(before);
        } catch (IOException ex) {
            return false;
        }
    }

    private static boolean removed(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException ex) {
            log.warn("Could not remove the orphaned staged copy {}: {}", file, ex.getMessage());
            return false;
        }
    }

    private Path path(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a bundle key: " + key);
        }
        return root.resolve(key);
    }

    private Path staged(Staged staged) {
        if (!staged.stagingRef().matches("[0-9a-f-]{36}\\.part")) {
            throw new IllegalArgumentException("not a staging reference: " + staged.stagingRef());
        }
        return staging.resolve(staged.stagingRef());
    }
}
