#!/usr/bin/python3
"""Reads one record with Confluent's own Python client (legacy confluent_kafka.avro AvroConsumer), which
fetches the writer schema by id from the Confluent REST API, and prints it as one JSON line:
{"key": ..., "value": {...}}. Exits 2 when nothing arrives within --timeout seconds.
Run with Debian's /usr/bin/python3 (packages python3-confluent-kafka, python3-avro, python3-requests).
"""
import argparse
import json
import sys
import time

from confluent_kafka.avro import AvroConsumer


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    consumer = AvroConsumer({
        "bootstrap.servers": args.bootstrap,
        "schema.registry.url": args.registry,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([args.topic])
    try:
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                print("consumer error: %s" % message.error(), file=sys.stderr)
                continue
            print(json.dumps({"key": message.key(), "value": message.value()}, default=str))
            return 0
        print("no record on %s within %.0f s" % (args.topic, args.timeout), file=sys.stderr)
        return 2
    finally:
        consumer.close()


if __name__ == "__main__":
    sys.exit(main())
