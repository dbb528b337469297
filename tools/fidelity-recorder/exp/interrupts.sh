run cat /proc/interrupts
run cat /proc/softirqs
sleep 10
run cat /proc/interrupts
run cat /proc/softirqs
run cat /proc/stat
