run cat /proc/sys/kernel/sysrq
echo @@SYSRQ_L_IDLE
run "echo l > /proc/sysrq-trigger"
sleep 2
echo @@SYSRQ_L_BUSY
taskset -c 1 sh -c 'while :; do :; done' &
L1=$!
taskset -c 2 sh -c 'while :; do :; done' &
L2=$!
sleep 2
run "echo l > /proc/sysrq-trigger"
sleep 2
kill $L1 $L2
echo @@SYSRQ_DONE
