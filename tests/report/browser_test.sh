#!/usr/bin/env bash
# Browser test of the HTML report: headless Chromium opens the page from a file URL with the network disabled;
# no script or console errors, every figure's <svg> present in the DOM, the maps drawn, and screenshots (wide and
# narrow) saved as test artefacts. Usage: browser_test.sh WORLDSYS_BIN OUT_DIR SHARED_DATA_DIR
# Exit 77 (ctest: skipped) when chromium is absent.
set -euo pipefail
bin=$1 out=$2 shared=${3:-}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIP: chromium not installed (Debian package chromium; scripts/setup.sh installs it)"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out"
# Poverty and gap from the real data when the embedded defaults are absent, so every section is exercised.
args=()
if [ -n "$shared" ] && [ -d "$shared/poverty/pip_2011ppp" ] && [ ! -d "$(dirname "$bin")/../data/default-distributions" ]; then
  "$bin" import pip2011 "$shared/poverty/pip_2011ppp" --out "$out/pip11" >/dev/null
  "$bin" import maddison "$shared/gdp/maddison_2020_owid" --out "$out/maddison" >/dev/null
  args=(--poverty-source "$out/pip11" --gap-source "$out/maddison")
fi
"$bin" report "${args[@]}" --out "$out/report.html" --figures "$out/figures" >"$out/report.txt"
tail -1 "$out/report.txt"

offline=(--headless --no-sandbox --disable-gpu --no-first-run --disable-extensions
         --proxy-server=127.0.0.1:9 --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$out/profile")
url="file://$(cd "$out" && pwd)/report.html"
timeout 120 "$chromium" "${offline[@]}" --enable-logging=stderr --virtual-time-budget=5000 --dump-dom "$url" \
  >"$out/dom.html" 2>"$out/chromium.log" || { cat "$out/chromium.log"; exit 1; }

fail=0
grep -q 'data-ready="1"' "$out/dom.html" || { echo "FAIL: the page's script did not finish (no data-ready)"; fail=1; }
if ! grep -q 'data-errors="0"' "$out/dom.html"; then
  echo "FAIL: errors in the page:"; grep -zo 'data-error-messages="[^"]*"' "$out/dom.html" | tr '\0' '\n' || true; fail=1
fi
if grep -E 'CONSOLE\(|Uncaught|ERR_' "$out/chromium.log" | grep -v 'dbus\|Fontconfig' ; then
  echo "FAIL: console errors in chromium's log"; fail=1
fi
n=0
for svg in "$out"/figures/*.svg; do
  id=$(basename "$svg" .svg)
  grep -q "<svg[^>]* id=\"$id\"" "$out/dom.html" || { echo "FAIL: figure $id missing from the DOM"; fail=1; }
  n=$((n + 1))
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n figures"; fail=1; }
for id in fig-drain fig-flows-value_added fig-footprint-value_added fig-sectors-value_added; do
  grep -q "id=\"$id\"" "$out/dom.html" || { echo "FAIL: $id missing"; fail=1; }
done
countries=$(grep -o 'class="country"' "$out/dom.html" | wc -l)
echo "figures: $n, country shapes on maps: $countries"
if [ "$countries" -lt 150 ]; then
  echo "FAIL: the maps are missing (npm assets under build/web?)"; fail=1
fi
size=$(stat -c %s "$out/report.html")
[ "$size" -lt 5000000 ] || { echo "FAIL: page is $size bytes (limit 5 MB)"; fail=1; }

timeout 120 "$chromium" "${offline[@]}" --window-size=1200,5000 --screenshot="$out/report-wide.png" "$url" \
  >/dev/null 2>&1 || true
timeout 120 "$chromium" "${offline[@]}" --window-size=390,5000 --screenshot="$out/report-narrow.png" "$url" \
  >/dev/null 2>&1 || true
for png in report-wide.png report-narrow.png; do
  [ -s "$out/$png" ] || { echo "FAIL: no screenshot $png"; fail=1; }
done
echo "artefacts: $out/report.html $out/report-wide.png $out/report-narrow.png"
exit $fail
