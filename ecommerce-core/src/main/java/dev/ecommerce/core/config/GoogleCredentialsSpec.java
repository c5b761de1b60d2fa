package dev.ecommerce.core.config;

import java.nio.file.Path;

/** Where the BigQuery source's credentials come from. Never logged. */
public sealed interface GoogleCredentialsSpec {

    /** Application Default Credentials (gcloud login, metadata server, or GOOGLE_APPLICATION_CREDENTIALS). */
    record ApplicationDefault() implements GoogleCredentialsSpec {}

    /** A service-account key file, e.g. from GOOGLE_APPLICATION_CREDENTIALS in .env or a settings.xml server. */
    record KeyFile(Path path) implements GoogleCredentialsSpec {}

    /** A service-account key's JSON content, e.g. the password of a settings.xml server. */
    record KeyJson(Secret json) implements GoogleCredentialsSpec {}

    /** No credentials: only for a local BigQuery-compatible server. */
    record None() implements GoogleCredentialsSpec {}
}
