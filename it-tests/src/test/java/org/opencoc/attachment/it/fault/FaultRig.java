package org.opencoc.attachment.it.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.opencoc.attachment.it.process.PayaraMicroProcess;
import org.opencoc.attachment.it.process.S3ProxyProcess;
import org.opencoc.attachment.it.scaleout.Cluster;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the fault tests share. Starting Payara Micro costs 10-30 s, so the classes share two set-ups,
 * started on first use and stopped when the test JVM exits: one instance on the filesystem store
 * ({@link #sharedFilesystem()}), and one S3Proxy with two instances on it ({@link #sharedS3()}): A with the
 * default staging directory (under its {@code java.io.tmpdir}), B with an explicit one. A test that
 * kills a process starts it again before it ends; tests tell their data apart by domain.
 */
final class FaultRig {

    private static final Logger LOG = Logger.getLogger(FaultRig.class.getName());

    private static SharedFilesystem filesystem;
    private static SharedS3 s3;

    private FaultRig() {
    }

    /**
     * One instance on a filesystem store under {@code target/scaleout/fault-filesystem-<uuid>}: its root is
     * on a tmpfs of {@value #SMALL_DISK_BYTES} bytes ({@code smallDisk}, the mount point) where the test JVM
     * may mount one (root), so that the disk-full tests can fill it, else on the build's disk.
     */
    record SharedFilesystem(Path work, Path root, Optional<Path> smallDisk, String mountRefusal,
                            PayaraMicroProcess instance) {
    }

    /** The size of the tmpfs under the shared filesystem store. */
    static final long SMALL_DISK_BYTES = 384L * 1024 * 1024;

    /** S3Proxy with instance A (default staging) and B (explicit staging) sharing bucket {@link Cluster#BUCKET}. */
    record SharedS3(Path work, S3ProxyProcess s3, PayaraMicroProcess a, PayaraMicroProcess b, S3Client direct) {

        /** Where A stages uploads by default: {@code <A's java.io.tmpdir>/coc-attachments-staging}. */
        Path stagingOfA() {
            return a.workDirectory().resolve("tmp").resolve("coc-attachments-staging");
        }
    }

    /** The shared filesystem set-up, started (or restarted, if a test left it down). */
    static synchronized SharedFilesystem sharedFilesystem() {
        if (filesystem == null) {
            Path work = Cluster.workDirectory("fault-filesystem");
            Path mountPoint = work.resolve("small-disk");
            String refusal = mountTmpfs(mountPoint, SMALL_DISK_BYTES);
            Optional<Path> smallDisk = refusal.isEmpty() ? Optional.of(mountPoint) : Optional.empty();
            if (smallDisk.isEmpty()) {
                LOG.warning(() -> "Cannot mount a tmpfs for the fault tests (" + refusal + "): the filesystem store"
                        + " runs on the build's disk and THE DISK-FULL TESTS WILL BE SKIPPED");
            }
            Path root = smallDisk.orElse(work).resolve("data");
            filesystem = new SharedFilesystem(work, root, smallDisk, refusal, filesystemInstance(work, "instance", root));
            SharedFilesystem started = filesystem;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Cluster.closeAll(started.instance());
                started.smallDisk().ifPresent(FaultRig::unmount);
                Cluster.removeRuntimeCopies(started.work());
            }, "fault-filesystem-stop"));
        }
        filesystem.instance().start();
        return filesystem;
    }

    /** The shared S3 set-up, started (or restarted, if a test left a process down). */
    static synchronized SharedS3 sharedS3() {
        if (s3 == null) {
            Path work = Cluster.workDirectory("fault-s3");
            S3ProxyProcess store = Cluster.s3Proxy(work).start();
            PayaraMicroProcess a = s3Instance(work, "instance-a", store, null);
            PayaraMicroProcess b = s3Instance(work, "instance-b", store, Cluster.stagingDirectory(work.resolve("instance-b")));
            s3 = new SharedS3(work, store, a, b, Cluster.directS3(store));
            SharedS3 started = s3;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                Cluster.closeAll(started.direct(), started.a(), started.b(), started.s3());
                Cluster.removeRuntimeCopies(started.work());
            }, "fault-s3-stop"));
            PayaraMicroProcess.startAll(List.of(a, b));
        }
        s3.s3().start();
        if (!s3.a().isRunning() || !s3.b().isRunning()) {
            PayaraMicroProcess.startAll(List.of(s3.a(), s3.b()));
        }
        return s3;
    }

    /** Mounts a tmpfs of {@code bytes} at {@code mountPoint}; returns why not, or "" when it is mounted. */
    private static String mountTmpfs(Path mountPoint, long bytes) {
        try {
            Files.createDirectories(mountPoint);
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs",
                    mountPoint.toString()).redirectErrorStream(true).start();
            String output = new String(mount.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!mount.waitFor(30, TimeUnit.SECONDS)) {
                mount.destroyForcibly();
                return "mount did not finish";
            }
            return mount.exitValue() == 0 ? "" : "mount -t tmpfs exited " + mount.exitValue() + ": " + output.strip();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static void unmount(Path mountPoint) {
        try {
            run("umount", mountPoint.toString());
        } catch (IOException e) {
            LOG.warning(() -> "Cannot unmount " + mountPoint + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * An instance on the S3 store of {@code store}, configured like {@link Cluster#instance} but with
     * {@code staging} as its staging directory, or the default one when {@code null}.
     */
    private static PayaraMicroProcess s3Instance(Path work, String name, S3ProxyProcess store, Path staging) {
        PayaraMicroProcess.Builder builder = PayaraMicroProcess.builder(work.resolve(name))
                .heap("256m")
                .systemProperty("mp.jwt.verify.publickey.location",
                        "file:" + Path.of(System.getProperty("it.keys"), "jwks-public.json").toAbsolutePath())
                .systemProperty("coc.storage.type", "s3")
                .systemProperty("coc.storage.s3.endpoint", store.endpoint().toString())
                .systemProperty("coc.storage.s3.bucket", Cluster.BUCKET)
                .systemProperty("coc.storage.s3.region", store.region())
                .systemProperty("coc.storage.s3.access-key", store.accessKey())
                .systemProperty("coc.storage.s3.secret-key", store.secretKey())
                .systemProperty("coc.storage.s3.path-style", "true")
                .systemProperty("coc.storage.s3.create-bucket", "true");
        if (staging != null) {
            builder.systemProperty("coc.storage.s3.staging-dir", staging.toString());
        }
        return builder.build();
    }

    /**
     * A Payara Micro instance (not started) under {@code work/<name>} on the filesystem store at
     * {@code root}, with the test key set and {@code -Xmx256m}.
     */
    static PayaraMicroProcess filesystemInstance(Path work, String name, Path root) {
        return PayaraMicroProcess.builder(work.resolve(name))
                .heap("256m")
                .systemProperty("mp.jwt.verify.publickey.location",
                        "file:" + Path.of(System.getProperty("it.keys"), "jwks-public.json").toAbsolutePath())
                .systemProperty("coc.storage.type", "filesystem")
                .systemProperty("coc.storage.filesystem.root", root.toString())
                .build();
    }

    /**
     * The regular files under a staging directory, the lock files of live owners aside: what must be
     * empty once no upload is in flight (and after a restart's sweep).
     */
    static List<Path> stagedFiles(Path stagingRoot) {
        if (!Files.isDirectory(stagingRoot)) {
            return List.of();
        }
        // the server deletes staged files while this walks: a file or folder that vanishes is not staged any more
        List<Path> staged = new ArrayList<>();
        try {
            Files.walkFileTree(stagingRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && !file.toString().endsWith(".lock")) {
                        staged.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return staged;
    }

    /** The attachment directories under a filesystem store root (one per published attachment). */
    static List<Path> published(Path root) {
        Path attachments = root.resolve("attachments");
        if (!Files.isDirectory(attachments)) {
            return List.of();
        }
        try (Stream<Path> tree = Files.walk(attachments, 2)) {
            return tree.filter(path -> attachments.relativize(path).getNameCount() == 2).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The open file descriptors of process {@code pid} (Linux {@code /proc}), -1 where unknown. */
    static long openFiles(long pid) {
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> list = Files.list(fds)) {
            return list.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The threads of process {@code pid} (Linux {@code /proc}), -1 where unknown. */
    static long threads(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> list = Files.list(tasks)) {
            return list.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The value at quantile {@code p} of ascending {@code sorted}, -1 when empty. */
    static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    /**
     * The heap in use by process {@code pid} right after a full GC, in KiB, read with the JDK's
     * {@code jcmd} ({@code GC.run}, then {@code GC.heap_info}); -1 where that fails.
     */
    static long heapUsedAfterGcKiB(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            run(jcmd.toString(), Long.toString(pid), "GC.run");
            Matcher used = Pattern.compile("used (\\d+)K").matcher(run(jcmd.toString(), Long.toString(pid), "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return output;
    }
}
