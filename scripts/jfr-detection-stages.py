#!/usr/bin/env python3
"""Share of CPU samples per detection stage, from a Java Flight Recorder file of `benchmark detection`.

  ASTROBRIDGE_JAVA_OPTS="-Xmx4g -XX:StartFlightRecording=filename=/tmp/det.jfr,settings=profile" \
      bin/astrobridge benchmark detection
  jfr print --events jdk.ExecutionSample /tmp/det.jfr > /tmp/det.txt
  python3 scripts/jfr-detection-stages.py /tmp/det.txt

A sample counts when any frame of its stack is in org.astrobridge.detect (not the benchmark); it goes to the first
stage below whose methods appear anywhere in the stack.
"""
import collections
import re
import sys

STAGES = [
    ('deblend + measure', ('Deblender', 'ObjectMeasurer', 'TileDetector.measure')),
    ('matched filter', ('MatchedFilter',)),
    ('background map (spline per pixel)', ('BackgroundModel.fill', 'Spline.evalRange', 'RowCache')),
    ('background estimate (mesh statistics)', ('BackgroundModel.estimate', 'BackgroundModel.lambda$estimate',
                                               'clippedModeAndSigma', 'medianFilter', 'Spline$Solver')),
    ('region prepare (subtract, rms)', ('RegionData.prepare',)),
    ('threshold + label', ('TileDetector.flood', 'TileDetector.tile', 'TileDetector.above',
                           'TileDetector.truncated')),
    ('merge + sort', ('Detector.detect',)),
]

text = open(sys.argv[1]).read()
counts = collections.Counter()
total = 0
for event in text.split('jdk.ExecutionSample')[1:]:
    frames = re.findall(r'^\s+([\w.$<>]+)\(', event, re.M)
    if not any('astrobridge.detect.' in f and '.bench.' not in f for f in frames):
        continue
    total += 1
    for name, keys in STAGES:
        if any(k in f for f in frames for k in keys):
            counts[name] += 1
            break
    else:
        counts['other'] += 1
print('samples in detection code:', total)
print('| stage | share of samples |')
print('|---|---|')
for name, n in counts.most_common():
    print('| %s | %.0f %% |' % (name, 100.0 * n / total))
