package dev.ecommerce.core.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecommerce.core.ConfigurationException;
import dev.ecommerce.core.InfrastructureException;
import dev.ecommerce.core.config.Setting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One build owns a work directory from its first goal to its end. The lock is an operating-system lock on
 * {@code <work directory>/.lock}, so it dies with its process: a lock left by a killed build is simply free,
 * and the next build takes it over (and says so). The file also names its holder (pid, start time, command),
 * which a build that finds the lock taken reports.
 *
 * <p>Inside one JVM the goals of one build share the lock: a holder is identified by a build id, and a
 * second acquisition with the same id is a no-op. Another build id in the same JVM (an embedded Maven, a
 * daemon) is treated like another process.
 */
public final class WorkDirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = ".lock";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Locks held by this JVM, by lock file. */
    private static final Map<Path, WorkDirectoryLock> HELD = new HashMap<>();

    /** Who holds a lock: written into the lock file, read by a build that finds it taken. */
    public record Holder(long pid, String startedAt, String command, String buildId) {

        /** This process, for a build with the given id and command (e.g. {@code mvn verify}). */
        public static Holder current(String buildId, String command) {
            return new Holder(ProcessHandle.current().pid(), Instant.now().toString(), command, buildId);
        }

        String describe() {
            return String.format(Locale.ROOT, "pid %d, started %s, command '%s'", pid, startedAt, command);
        }
    }

    /** What {@link #acquire} did, for the log. */
    public enum Outcome {
        /** The lock was free. */
        ACQUIRED,
        /** The lock was free, but its file named a holder that is gone: a killed or crashed build. */
        TAKEN_OVER,
        /** This build already held it (an earlier goal). */
        ALREADY_HELD,
        /** Another build held it; this one waited until it was released. */
        WAITED
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;
    private final Holder previous;

    private WorkDirectoryLock(Path file, FileChannel channel, FileLock lock, Holder holder, Holder previous) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
        this.previous = previous;
    }

    /**
     * Takes the lock of {@code workDirectory} for {@code holder}'s build, waiting up to {@code wait} while
     * another build holds it (zero: fail at once).
     *
     * @throws ConfigurationException when another build still holds it after {@code wait}, naming the holder
     */
    public static Acquisition acquire(Path workDirectory, Holder holder, Duration wait) {
        Path file = workDirectory.toAbsolutePath().normalize().resolve(FILE_NAME);
        Instant deadline = Instant.now().plus(wait);
        boolean waited = false;
        while (true) {
            Acquisition acquired = tryAcquire(file, holder);
            if (acquired != null) {
                return waited && acquired.outcome() == Outcome.ACQUIRED
                        ? new Acquisition(acquired.lock(), Outcome.WAITED)
                        : acquired;
            }
            if (!Instant.now().isBefore(deadline)) {
                String other = readHolder(file).map(Holder::describe).orElse("a build that has not named itself yet");
                throw new ConfigurationException("Another build is using " + workDirectory + ": " + other
                        + " (lock file " + file + "). Let it finish or stop it, then run again; or set "
                        + Setting.LOCK_WAIT_SECONDS.ref()
                        + " to wait for it" + (wait.isZero() ? "" : " longer than " + wait.toSeconds() + " s") + ".");
            }
            waited = true;
            sleep();
        }
    }

    private static synchronized Acquisition tryAcquire(Path file, Holder holder) {
        WorkDirectoryLock held = HELD.get(file);
        if (held != null) {
            if (held.holder.buildId().equals(holder.buildId()) && held.lock.isValid()) {
                return new Acquisition(held, Outcome.ALREADY_HELD);
            }
            return null; // another build of this JVM
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            Holder previous = parse(read(channel)).orElse(null);
            byte[] content = JSON.writeValueAsBytes(holder);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content), 0);
            channel.force(true);
            WorkDirectoryLock acquired = new WorkDirectoryLock(file, channel, lock, holder, previous);
            HELD.put(file, acquired);
            return new Acquisition(acquired, previous == null ? Outcome.ACQUIRED : Outcome.TAKEN_OVER);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InfrastructureException("Cannot lock the work directory " + file.getParent() + ": " + e, e);
        }
    }

    /** The holder named by a lock file, if it names one (the file may be empty or half-written). */
    static Optional<Holder> readHolder(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(read(channel));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static Optional<Holder> parse(byte[] content) {
        if (content.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(new String(content, StandardCharsets.UTF_8), Holder.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One call of {@link #acquire}: the lock (shared by the goals of one build) and what the call found. */
    public record Acquisition(WorkDirectoryLock lock, Outcome outcome) implements AutoCloseable {

        /** The holder the lock file named when this build took it over from a build that is gone, if any. */
        public Optional<Holder> previousHolder() {
            return outcome == Outcome.TAKEN_OVER ? Optional.ofNullable(lock.previous) : Optional.empty();
        }

        /** Releases the lock, for every goal of the build. */
        @Override
        public void close() {
            lock.close();
        }
    }

    /** Releases the lock (for every goal of this build); the file stays, empty. */
    @Override
    public void close() {
        synchronized (WorkDirectoryLock.class) {
            if (HELD.get(file) == this) {
                HELD.remove(file);
            }
        }
        try {
            if (lock.isValid()) {
                channel.truncate(0); // a released lock names nobody; a killed holder's name stays
                lock.release();
            }
        } catch (IOException e) {
            // the channel's close below releases it as well
        }
        closeQuietly(channel);
    }

    /** Releases every lock this JVM holds for a build id (the end of that build). */
    public static void releaseAll(String buildId) {
        java.util.List<WorkDirectoryLock> mine;
        synchronized (WorkDirectoryLock.class) {
            mine = HELD.values().stream()
                    .filter(l -> l.holder.buildId().equals(buildId))
                    .toList();
        }
        mine.forEach(WorkDirectoryLock::close);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("Interrupted while waiting for the work directory lock", e);
        }
    }
}
