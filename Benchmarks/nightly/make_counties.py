#!/usr/bin/env python3
"""Writes COUNT county pipelines for the nightly benchmark, made from the bundled documents.

    make_counties.py OUT_DIR [COUNT]        (default 2800)

Each county gets OUT_DIR/seeds/cNNNN-speech.txt (the 柘城县 2022 economic work conference speech with
the county's name and every stated figure scaled by its own factor), cNNNN-bulletin-2021.txt and
cNNNN-bulletin-2022.txt (the 2021 bulletin excerpt, and a 2022 one made from it, figures varied), and
OUT_DIR/pipelines/cNNNN.yaml reading the three, scheduled daily at 02:00 China time. Deterministic
(seeded by the county number), so two runs write the same bytes.
"""
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SPEECH = open(os.path.join(ROOT, "seeds", "zhecheng-2022-economic-work-conference.txt"), encoding="utf-8").read()
BULLETIN = open(os.path.join(ROOT, "seeds", "zhecheng-2021-statistical-bulletin-excerpt.txt"), encoding="utf-8").read()

# A figure followed by a unit the readers know; the year-like numbers (2021年) are left alone.
FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?=%|万亩|亿斤|万元|亿元|万吨|户|人|家|个|万头|元|个百分点)")
SYLLABLES = "安宁平和丰泰永兴昌盛清河新东西南北山川临江阳华德光明云远" 


def scaled(text, rnd, low, high):
    def one(m):
        raw = m.group(1)
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        value = float(raw) * rnd.uniform(low, high)
        return f"{value:.{decimals}f}" if decimals else str(max(1, round(value)))
    return FIGURE.sub(one, text)


def county_name(i):
    a = SYLLABLES[i % len(SYLLABLES)]
    b = SYLLABLES[(i // len(SYLLABLES)) % len(SYLLABLES)]
    return f"{a}{b}{i:04d}县"


def main():
    out = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2800
    os.makedirs(os.path.join(out, "seeds"), exist_ok=True)
    os.makedirs(os.path.join(out, "pipelines"), exist_ok=True)
    for i in range(1, count + 1):
        rnd = random.Random(i)
        name = county_name(i)
        cid = f"c{i:04d}"
        speech = scaled(SPEECH.replace("柘城县", name).replace("柘城", name[:-1]), rnd, 0.8, 1.2)
        b2021 = scaled(BULLETIN.replace("柘城县", name), rnd, 0.85, 1.15)
        b2022 = scaled(b2021.replace("2021", "2022"), rnd, 0.9, 1.25)
        files = {
            f"{cid}-speech.txt": speech,
            f"{cid}-bulletin-2021.txt": b2021,
            f"{cid}-bulletin-2022.txt": b2022,
        }
        for fname, text in files.items():
            with open(os.path.join(out, "seeds", fname), "w", encoding="utf-8") as f:
                f.write(text)
        with open(os.path.join(out, "pipelines", f"{cid}.yaml"), "w", encoding="utf-8") as f:
            f.write(
                f"""pipeline: {cid}
title: {name} 2022 年主要目标核查
region: {name}
period: 2022
schedule: "TZ=Asia/Shanghai 0 2 * * *"
sources:
  - id: speech
    adapter: speech-text
    location: ../seeds/{cid}-speech.txt
  - id: bulletin-2021
    adapter: speech-text
    location: ../seeds/{cid}-bulletin-2021.txt
    options: {{ mode: observations, year: 2021 }}
  - id: bulletin-2022
    adapter: speech-text
    location: ../seeds/{cid}-bulletin-2022.txt
    options: {{ mode: observations, year: 2022 }}
goals:
  sources: [speech]
report:
  formats: [json]
  directory: ../reports/{cid}
"""
            )
    print(f"wrote {count} county pipelines under {out}")


if __name__ == "__main__":
    main()
