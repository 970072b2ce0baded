#!/usr/bin/env python3
"""An external adapter for lock and crash tests: a burst of records at once (more than one write
batch, so rows reach the open transaction), then one record every 0.1 s."""
import json, os, sys, time
burst = int(os.environ.get("BURST_RECORDS", "600"))
slow = int(os.environ.get("SLOW_RECORDS", "100"))
for i in range(burst + slow):
    print(json.dumps({"type": "observation", "subject": f"s{i}", "kind": "level", "value": i, "unit": "个",
                      "period": "2021", "location": {"line": i + 1}}), flush=True)
    if i >= burst:
        time.sleep(0.1)
