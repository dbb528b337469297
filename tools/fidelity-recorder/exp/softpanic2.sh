run cat /proc/sys/kernel/softlockup_panic
run "echo 1 > /sys/module/rcupdate/parameters/rcu_cpu_stall_suppress"
run "echo 1 > /proc/sys/kernel/softlockup_panic"
echo "@@STEP 1: softlockup_panic=1, RCU stall warnings suppressed, preempt-off spin on cpu2 for 40 s"
run insmod /lockup_test.ko cpu=2 secs=40 mode=0
sleep 45
run rmmod lockup_test
