#!/usr/bin/env python3
"""An external adapter for lock and crash tests: a burst of records at once (more than one write
batch, so rows reach the open transaction), then one record every 0.1 s. While a file named `hold`
exists in its folder (up to 300 s), it waits after the burst: a test holds it mid-source for as long
as it needs, however loaded the machine."""
import json, os, sys, time
burst = int(os.environ.get("BURST_RECORDS", "600"))
slow = int(os.environ.get("SLOW_RECORDS", "100"))
for i in range(burst + slow):
    print(json.dumps({"type": "observation", "subject": f"s{i}", "kind": "level", "value": i, "unit": "个",
                      "period": "2021", "location": {"line": i + 1}}), flush=True)
    if i == burst - 1 or (burst == 0 and i == 0):
        waited = 0.0
        while os.path.exists("hold") and waited < 300:
            time.sleep(0.05)
            waited += 0.05
    if i >= burst:
        time.sleep(0.1)
