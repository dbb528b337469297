#!/usr/bin/env bash
# Prepares what record.py boots: QEMU 7.2 and the recordings' Debian kernel package
# (linux-image-6.1.0-56-amd64, 6.1.192-2), the soft-lockup test module built against its
# headers, and a busybox initramfs that runs exp/EXPERIMENT.sh (exp= on the command line).
# Needs root and Debian 12's package repositories (apt).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$HERE/work"
PKG=linux-image-6.1.0-56-amd64
mkdir -p "$WORK"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq qemu-system-x86 busybox-static cpio \
  linux-headers-6.1.0-56-amd64 >/dev/null
if [ ! -f "$WORK/kpkg/boot/vmlinuz-6.1.0-56-amd64" ]; then
  (cd "$WORK" && apt-get download "$PKG" >/dev/null && dpkg-deb -x "$PKG"_*.deb kpkg)
fi
# The test module: a kthread bound to cpu= that spins secs= seconds with preemption (mode=0) or
# interrupts (mode=1) off.
mkdir -p "$WORK/mod"
cp "$HERE/lockup_test.c" "$WORK/mod/"
echo 'obj-m := lockup_test.o' > "$WORK/mod/Makefile"
make -s -C /usr/src/linux-headers-6.1.0-56-amd64 M="$WORK/mod" modules >/dev/null
# The initramfs: busybox, the module, /init and the experiments.
IR="$WORK/ir"
rm -rf "$IR"
mkdir -p "$IR"/{bin,proc,sys,dev,tmp,exp}
cp /bin/busybox "$IR/bin/busybox"
for a in $("$IR/bin/busybox" --list); do
  [ "$a" = busybox ] || ln -sf busybox "$IR/bin/$a"
done
cp "$WORK/mod/lockup_test.ko" "$IR/"
cp "$HERE/init.sh" "$IR/init"
chmod +x "$IR/init"
cp "$HERE"/exp/*.sh "$IR/exp/"
(cd "$IR" && find . | cpio -o -H newc 2>/dev/null | gzip) > "$WORK/initramfs.cpio.gz"
echo "ready: $WORK/initramfs.cpio.gz, $WORK/kpkg/boot/vmlinuz-6.1.0-56-amd64" >&2
