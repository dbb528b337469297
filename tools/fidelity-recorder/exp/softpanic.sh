run cat /proc/sys/kernel/softlockup_panic
run "echo 1 > /proc/sys/kernel/softlockup_panic"
run cat /proc/sys/kernel/softlockup_panic
echo "@@STEP 1: softlockup_panic=1, preempt-off spin on cpu1 for 40 s"
run insmod /lockup_test.ko cpu=1 secs=40 mode=0
sleep 45
run rmmod lockup_test
