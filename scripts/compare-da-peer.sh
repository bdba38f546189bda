#!/usr/bin/env bash
# Domain-adaptation quality beside the PyTorch peer, on the same stamps in the same run: mergers, idealised
# simulations (sim) -> SDSS-like (sdss), 32x32 px x 3 bands, 2000 labelled source + 2000 unlabelled target
# training stamps, 1000 labelled target test stamps. AstroBridge trains through `bin/astrobridge train` with its
# defaults (DANN with observation matching), plus two references (source-only without observation augmentation,
# and DANN without it); the peer runs its own methods. Each line: method, seed, target test accuracy, wall time.
#
#   scripts/compare-da-peer.sh [WORK_FOLDER]       (default /tmp/astrobridge-da-peer)
#
# Environment: PEER (the peer script, default ../shared/bench/torch_da_reference.py), SEEDS (default "1 2 3"),
# EPOCHS (ours, default: Train Classifier's 30), PEER_EPOCHS (default: the peer's 8), PEER_METHODS.
# Needs python3-torch, python3-astropy and python3-scipy (bin/install-peers installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
PEER=${PEER:-../shared/bench/torch_da_reference.py}
W=${1:-/tmp/astrobridge-da-peer}
SEEDS=${SEEDS:-1 2 3}
EPOCHS=${EPOCHS:-30}
PEER_EPOCHS=${PEER_EPOCHS:-8}
PEER_METHODS=${PEER_METHODS:-source-only,dann,mmd,augment,augment+mmd}
[ -f "$PEER" ] || { echo "compare-da-peer: no peer script at $PEER (set PEER)" >&2; exit 2; }
/usr/bin/python3 -c "import torch, astropy, scipy" 2>/dev/null || { echo "compare-da-peer: the peer needs python3-torch, python3-astropy and python3-scipy: run bin/install-peers" >&2; exit 2; }

mkdir -p "$W"
sim() { # domain seed n folder
	[ -f "$W/$4/mergers_$1_stamps.fits" ] || bin/astrobridge simulate --task mergers --domain "$1" --seed "$2" --n "$3" \
		--size 32 --bands 3 --output "$W/$4" --more "contactSheet=false" > "$W/$4.log" 2>&1
}
sim sim 1 2000 src
sim sdss 2 2000 tgt
sim sdss 3 1000 test
for f in src/mergers_sim tgt/mergers_sdss test/mergers_sdss; do # the peer reads labels as index,label CSV
	[ -f "$W/${f}_labels.csv" ] || { echo "compare-da-peer: $W/${f}_labels.csv missing" >&2; exit 1; }
done

for seed in $SEEDS; do
	for cfg in "source-only none" "dann none" "dann matched"; do
		set -- $cfg
		name="$1+$2-s$seed"
		t0=$(date +%s)
		bin/astrobridge train --source "$W/src/mergers_sim_stamps.fits" --target "$W/tgt/mergers_sdss_stamps.fits" \
			--method "$1" --observation "$2" --epochs "$EPOCHS" --seed "$seed" --threads 2 --output "$W/$name" > "$W/$name.log" 2>&1
		t1=$(date +%s)
		acc=$(bin/astrobridge evaluate --model "$W/$name.zip" --stamps "$W/test/mergers_sdss_stamps.fits" --threads 2 \
			--output "$W/$name-eval.csv" 2>/dev/null >/dev/null; grep '^"accuracy"' "$W/$name-eval.csv" | cut -d, -f2)
		printf 'ours %-24s seed %s target-test accuracy %.3f  (%d s training)\n' "$1 observation=$2" "$seed" "$acc" \
			$((t1 - t0))
	done
	/usr/bin/python3 "$PEER" --source "$W/src/mergers_sim_stamps.fits" --source-labels "$W/src/mergers_sim_labels.csv" \
		--target "$W/tgt/mergers_sdss_stamps.fits" --test "$W/test/mergers_sdss_stamps.fits" \
		--test-labels "$W/test/mergers_sdss_labels.csv" --methods "$PEER_METHODS" --epochs "$PEER_EPOCHS" --seed "$seed" \
		--threads 2 | sed "s/target-test/seed $seed target-test/"
done
