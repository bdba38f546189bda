#!/usr/bin/env python3
"""Checks that every (non-hidden) file under the given folders is complete and valid for its kind:
FITS (whole 2880-byte blocks, END card in every header), CSV (every row as wide as the header, ends with a newline),
JSON (parses), ZIP (every member's CRC), PNG (ends with IEND), .reg/.txt (ends with a newline).
Prints one line per bad file and exits 1 if there is any."""
import csv, json, os, sys, zipfile, gzip

def fits_ok(path):
    data = open(path, 'rb').read()
    if path.endswith('.gz'):
        data = gzip.decompress(data)
    if len(data) == 0 or len(data) % 2880:
        return 'length %d is not whole 2880-byte blocks' % len(data)
    pos = 0
    while pos < len(data):
        first = data[pos:pos + 8]
        if pos > 0 and first != b'XTENSION':
            return None
        end, size, card = False, {}, pos
        while not end:
            if card >= len(data):
                return 'header at %d has no END' % pos
            c = data[card:card + 80].decode('ascii', 'replace')
            card += 80
            if c.startswith('END') and not c[3:].strip():
                end = True
            elif c[8:10] == '= ':
                k, v = c[:8].strip(), c[10:].split('/')[0].strip()
                if k in ('BITPIX', 'NAXIS', 'PCOUNT', 'GCOUNT') or k.startswith('NAXIS'):
                    size[k] = int(v)
        hdr_end = pos + ((card - pos + 2879) // 2880) * 2880
        n = size.get('NAXIS', 0)
        count = 0
        if n:
            count = 1
            for i in range(1, n + 1):
                count *= size.get('NAXIS%d' % i, 0)
        nbytes = abs(size.get('BITPIX', 8)) // 8 * size.get('GCOUNT', 1) * (size.get('PCOUNT', 0) + count)
        pos = hdr_end + ((nbytes + 2879) // 2880) * 2880
        if pos > len(data):
            return 'HDU data runs past the end of the file'
    return None

def csv_ok(path):
    text = open(path, encoding='utf-8').read()
    if not text.endswith('\n'):
        return 'does not end with a newline'
    rows = [r for r in csv.reader(l for l in text.splitlines() if not l.startswith('#'))]
    if not rows:
        return 'no header'
    w = len(rows[0])
    bad = [i for i, r in enumerate(rows) if len(r) != w]
    return 'rows %s are not %d fields wide' % (bad[:5], w) if bad else None

def check(path):
    n = path.lower()
    try:
        if n.endswith(('.fits', '.fit', '.fts', '.fits.gz', '.fz')):
            return fits_ok(path)
        if n.endswith('.csv'):
            return csv_ok(path)
        if n.endswith('.json'):
            json.load(open(path, encoding='utf-8'))
        elif n.endswith('.zip'):
            with zipfile.ZipFile(path) as z:
                bad = z.testzip()
                return 'member %s fails its CRC' % bad if bad else None
        elif n.endswith('.png'):
            return None if open(path, 'rb').read()[-8:-4] == b'IEND' else 'PNG has no IEND chunk'
        elif n.endswith(('.reg', '.txt', '.md')):
            return None if open(path, 'rb').read().endswith(b'\n') else 'does not end with a newline'
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)
    return None

bad = 0
for top in sys.argv[1:]:
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith('.')]
        for f in files:
            if f.startswith('.'):
                continue
            p = os.path.join(root, f)
            why = check(p)
            if why:
                print('INCOMPLETE %s: %s' % (p, why))
                bad += 1
sys.exit(1 if bad else 0)
