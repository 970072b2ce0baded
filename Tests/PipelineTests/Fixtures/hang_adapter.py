#!/usr/bin/env python3
"""An external adapter that writes one record and then hangs."""
import json, sys, time
print(json.dumps({"type": "observation", "subject": "x", "kind": "level", "value": 1, "unit": "个",
                  "period": "2021", "location": {"line": 1}}), flush=True)
time.sleep(600)
