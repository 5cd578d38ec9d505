#!/usr/bin/python3
"""Drives the service with Confluent's own Python client and nothing of ours: AvroProducer publishes
ImagePairs (Avro key and value, schemas registered through the Confluent REST API), AvroConsumer reads
the service's PairDissimilarity results. Prints one JSON line per result received:
{"key": ..., "pairId": ..., "distance": ..., "decision": ..., "modelVersion": ...}.
Exits 2 when not every result arrived within --timeout seconds.
Run with Debian's /usr/bin/python3 (python3-confluent-kafka, python3-avro, python3-requests).
"""
import argparse
import datetime
import json
import sys
import time

from confluent_kafka import avro
from confluent_kafka.avro import AvroConsumer, AvroProducer


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--registry", required=True)
    p.add_argument("--schema", required=True, help="path of ImagePair.avsc")
    p.add_argument("--left", required=True, help="an image file")
    p.add_argument("--right", required=True, help="another image file")
    p.add_argument("--pairs", type=int, default=3)
    p.add_argument("--prefix", default="py-")
    p.add_argument("--timeout", type=float, default=60.0)
    a = p.parse_args()
    left = open(a.left, "rb").read()
    right = open(a.right, "rb").read()

    producer = AvroProducer({"bootstrap.servers": a.bootstrap, "schema.registry.url": a.registry},
                            default_key_schema=avro.loads('"string"'), default_value_schema=avro.load(a.schema))
    now = datetime.datetime.now(datetime.timezone.utc)
    ids = ["%s%d" % (a.prefix, i) for i in range(a.pairs)]
    for i, pair_id in enumerate(ids):
        producer.produce(topic="image-pairs", key=pair_id, value={
            "pairId": pair_id,
            "left": {"data": left, "mediaType": "image/png"},
            "right": {"data": left if i % 2 == 0 else right, "mediaType": "image/png"},
            "metadata": {"label": "0" if i % 2 == 0 else "1", "source": "confluent-python"},
            "eventTime": now,
            "traceId": None,
            "includeEmbeddings": False,
        })
    if producer.flush(30) > 0:
        print("delivery timed out", file=sys.stderr)
        return 1

    consumer = AvroConsumer({"bootstrap.servers": a.bootstrap, "schema.registry.url": a.registry,
                             "group.id": "py-" + str(time.time()), "auto.offset.reset": "earliest",
                             "isolation.level": "read_committed"})
    consumer.subscribe(["pair-dissimilarities"])
    pending = set(ids)
    deadline = time.monotonic() + a.timeout
    try:
        while pending and time.monotonic() < deadline:
            m = consumer.poll(1.0)
            if m is None or m.error():
                continue
            v = m.value()
            if v["pairId"] in pending:
                pending.discard(v["pairId"])
                print(json.dumps({"key": m.key(), "pairId": v["pairId"], "distance": v["distance"],
                                  "decision": v["decision"], "modelVersion": v["modelVersion"]}))
    finally:
        consumer.close()
    if pending:
        print("no result for %s within %.0f s" % (sorted(pending), a.timeout), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
