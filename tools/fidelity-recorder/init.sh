#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo @@INIT_START
echo "@@UNAME $(uname -a)"
echo "@@CMDLINE $(cat /proc/cmdline)"
echo "@@UPTIME_AT_INIT $(cat /proc/uptime)"
echo "@@CPUS online=$(cat /sys/devices/system/cpu/online) possible=$(cat /sys/devices/system/cpu/possible) present=$(cat /sys/devices/system/cpu/present) nproc=$(nproc)"
EXP=$(sed -n 's/.*exp=\([a-z0-9_]*\).*/\1/p' /proc/cmdline)
echo "@@EXP $EXP"
run() { echo "\$ $*"; eval "$@"; echo "[rc=$?]"; }
[ -f /exp/$EXP.sh ] && . /exp/$EXP.sh
echo "@@UPTIME_AT_END $(cat /proc/uptime)"
echo @@DMESG_BEGIN
dmesg
echo @@DMESG_END
echo @@POWEROFF
poweroff -f
