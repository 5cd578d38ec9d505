package io.siamese.service.stream;

/** Registry gates for processor tests. */
final class SchemaRegistryGates {

    private SchemaRegistryGates() {}

    /** A gate that is open until an outage is reported, with nothing to resolve first. */
    static SchemaRegistryGate open() {
        return new SchemaRegistryGate(new RegistryOutage(), null);
    }
}
