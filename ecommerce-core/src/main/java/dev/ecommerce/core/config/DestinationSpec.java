package dev.ecommerce.core.config;

/** One configured destination of the sink goal. */
public sealed interface DestinationSpec permits LocalDestinationSpec, S3DestinationSpec, MotherDuckDestinationSpec {

    DestinationKind kind();
}
