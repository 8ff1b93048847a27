#!/bin/sh
# A stand-in for clamdscan in the files tests, called like it: options first, the file last.
# Exit 1 (infected) when the file holds the EICAR test string, else 0 (clean); exit 2 (the
# scanner failed) while the file named by --down-if exists. --log FILE notes each call.
down=""
log=""
while [ $# -gt 1 ]; do
  case "$1" in
    --down-if) down="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    *) shift ;;
  esac
done
file="$1"
if [ -n "$log" ]; then echo "$file" >> "$log"; fi
if [ -n "$down" ] && [ -e "$down" ]; then exit 2; fi
if grep -q 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE' "$file"; then exit 1; fi
exit 0
