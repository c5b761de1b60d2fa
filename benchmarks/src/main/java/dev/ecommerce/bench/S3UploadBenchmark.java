package dev.ecommerce.bench;

import dev.ecommerce.core.config.AwsCredentialsSpec;
import dev.ecommerce.core.config.FileFormat;
import dev.ecommerce.core.config.GeneratorSpec;
import dev.ecommerce.core.config.IngestSpec;
import dev.ecommerce.core.config.LocalDestinationSpec;
import dev.ecommerce.core.config.S3ChecksumMode;
import dev.ecommerce.core.config.S3ClientSpec;
import dev.ecommerce.core.config.S3DestinationSpec;
import dev.ecommerce.core.config.S3Location;
import dev.ecommerce.core.config.Secret;
import dev.ecommerce.core.config.SinkSpec;
import dev.ecommerce.core.run.Pipeline;
import dev.ecommerce.core.run.ProgressListener;
import dev.ecommerce.core.s3.S3Bucket;
import dev.ecommerce.core.schema.Table;
import dev.ecommerce.testkit.s3.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code events} Parquet file uploaded to the local S3 server (S3Proxy, filesystem store) through the s3
 * destination's uploader: a multipart upload with several parts in flight vs a single PUT, alternating in
 * the same run, over loopback and over a simulated link that carries 16 MiB/s per connection. Usage: {@code S3UploadBenchmark <scale> <runs> <work dir>}.
 */
public final class S3UploadBenchmark {

    private static final long PART = 8L << 20;
    private static final int IN_FLIGHT = 8;
    private static final long LINK_RATE = 16L << 20;

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        Path warehouse = work.resolve("warehouse.duckdb");
        Pipeline.ingest(
                new IngestSpec(
                        work,
                        warehouse,
                        List.of(Table.EVENTS),
                        new GeneratorSpec(42, scale, GeneratorSpec.DEFAULT_ANCHOR, 2)),
                ProgressListener.NONE);
        Pipeline.sink(
                new SinkSpec(
                        work,
                        warehouse,
                        List.of(Table.EVENTS),
                        List.of(new LocalDestinationSpec(work.resolve("out"), Set.of(FileFormat.PARQUET)))),
                ProgressListener.NONE);
        Path file = work.resolve("out/events.parquet");
        System.out.printf(Locale.ROOT, "events.parquet at scale %s: %,d bytes%n", scale, Files.size(file));
        try (LocalS3 server = LocalS3.onDisk(work.resolve("s3"), "bench")) {
            compare(server, file, work, runs, 0);
            // One connection over a long-distance link carries a limited rate; parts in flight add up.
            compare(server, file, work, runs, LINK_RATE);
        }
    }

    private static void compare(LocalS3 server, Path file, Path work, int runs, long rate) throws Exception {
        server.faults().limitEachRequest(rate);
        String link =
                rate == 0 ? "loopback, no limit" : String.format(Locale.ROOT, "%d MiB/s per connection", rate >> 20);
        long bytes = Files.size(file);
        List<Double> multipart = new ArrayList<>();
        List<Double> single = new ArrayList<>();
        for (int run = -1; run < runs; run++) { // run -1 warms the JIT up and is not counted
            for (boolean parts : List.of(true, false)) {
                S3DestinationSpec.Multipart mode = parts
                        ? new S3DestinationSpec.Multipart(PART, PART, IN_FLIGHT)
                        : new S3DestinationSpec.Multipart(Long.MAX_VALUE / 2, PART, IN_FLIGHT);
                String key = "raw/events-" + (parts ? "multipart" : "single") + ".parquet";
                try (S3Bucket bucket = S3Bucket.open(spec(server, mode, work))) {
                    long start = System.nanoTime();
                    bucket.upload(file, key, List.of(key));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (run >= 0) {
                        (parts ? multipart : single).add(seconds);
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%s, run %s: %-30s %.2f s %.1f MiB/s%n",
                            link,
                            run < 0 ? "warm-up" : String.valueOf(run + 1),
                            parts ? "multipart (8 MiB x 8 in flight)" : "single PUT",
                            seconds,
                            bytes / seconds / (1 << 20));
                }
            }
            if (rate > 0 && run >= 0 && run + 1 >= Math.min(runs, 3)) {
                break; // a limited link is slow and steady: three runs tell
            }
        }
        double m = Medians.of(multipart);
        double s = Medians.of(single);
        System.out.printf(
                Locale.ROOT, "events.parquet (%,d bytes), %s, medians of %d runs:%n", bytes, link, multipart.size());
        System.out.printf(
                Locale.ROOT,
                "  multipart, %d parts in flight: %.2f s, %.1f MiB/s%n",
                IN_FLIGHT,
                m,
                bytes / m / (1 << 20));
        System.out.printf(
                Locale.ROOT, "  single PUT:                   %.2f s, %.1f MiB/s%n", s, bytes / s / (1 << 20));
        System.out.printf(Locale.ROOT, "  ratio single / multipart: %.2f%n", s / m);
        System.out.printf(
                Locale.ROOT,
                "  parts the server received at once, at most: %d%n",
                server.faults().maxPartsInFlight());
    }

    private static S3DestinationSpec spec(LocalS3 server, S3DestinationSpec.Multipart multipart, Path work) {
        return new S3DestinationSpec(
                S3Location.parse("s3://bench/raw", "bench"),
                Set.of(FileFormat.PARQUET),
                false,
                new S3ClientSpec(
                        null,
                        server.endpoint(),
                        true,
                        S3ChecksumMode.WHEN_SUPPORTED,
                        AwsCredentialsSpec.accessKey(
                                Secret.of(LocalS3.ACCESS_KEY_ID), Secret.of(LocalS3.SECRET_ACCESS_KEY)),
                        3),
                multipart,
                work.resolve("staging"));
    }
}
