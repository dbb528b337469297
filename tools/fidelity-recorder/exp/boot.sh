run cat /sys/devices/system/cpu/online
run grep -c ^processor /proc/cpuinfo
run cat /proc/cmdline
