#!/usr/bin/python3
"""Publishes one ImagePair with Confluent's own Python client (legacy confluent_kafka.avro API), as an
external publisher would: Avro value and Avro string key, both registered through the Confluent REST API.

Prints {"produced": <pair id>} on success; exits non-zero with a reason otherwise.
Run with Debian's /usr/bin/python3 (packages python3-confluent-kafka, python3-avro, python3-requests).
"""
import argparse
import datetime
import json
import sys

from confluent_kafka import avro
from confluent_kafka.avro import AvroProducer


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--registry", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--schema", required=True, help="path of ImagePair.avsc")
    parser.add_argument("--pair-id", required=True)
    parser.add_argument("--event-time-ms", type=int, required=True)
    args = parser.parse_args()

    producer = AvroProducer(
        {"bootstrap.servers": args.bootstrap, "schema.registry.url": args.registry},
        default_key_schema=avro.loads('"string"'),
        default_value_schema=avro.load(args.schema))
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    value = {
        "pairId": args.pair_id,
        "left": {"data": bytes(range(16)), "mediaType": "image/png"},
        "right": {"data": b"\xff" * 8, "mediaType": "image/jpeg"},
        "metadata": {"label": "0", "source": "python"},
        # The Python Avro library wants a datetime for timestamp-millis.
        "eventTime": epoch + datetime.timedelta(milliseconds=args.event_time_ms),
        "traceId": "py-trace-1",
        "includeEmbeddings": True,
    }
    failures = []
    producer.produce(topic=args.topic, key=args.pair_id, value=value,
                     on_delivery=lambda err, msg: failures.append(err) if err else None)
    if producer.flush(30) > 0 or failures:
        print("delivery failed: %s" % (failures or "timed out"), file=sys.stderr)
        return 1
    print(json.dumps({"produced": args.pair_id}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
