run cat /sys/power/state
run cat /sys/power/mem_sleep
run cat /sys/power/disk
run cat /sys/power/pm_test
run cat /sys/power/pm_debug_messages
run cat /sys/power/wakeup_count
run cat /sys/power/suspend_stats/success
run cat /sys/power/suspend_stats/fail
run cat /sys/class/rtc/rtc0/wakealarm
echo "@@STEP 1: S3 (deep), woken by the RTC alarm 5 s later"
run "echo +5 > /sys/class/rtc/rtc0/wakealarm"
run "echo mem > /sys/power/state"
run cat /sys/power/suspend_stats/success
run cat /sys/power/suspend_stats/last_failed_dev
run cat /sys/power/wakeup_count
echo "@@STEP 2: pm_test"
run "echo devices > /sys/power/pm_test"
run cat /sys/power/pm_test
run "echo mem > /sys/power/state"
run "echo core > /sys/power/pm_test"
run "echo mem > /sys/power/state"
run "echo none > /sys/power/pm_test"
run "echo bogus > /sys/power/pm_test"
echo "@@STEP 3: pm_debug_messages, S3"
run "echo 1 > /sys/power/pm_debug_messages"
run "echo +5 > /sys/class/rtc/rtc0/wakealarm"
run "echo mem > /sys/power/state"
run "echo 0 > /sys/power/pm_debug_messages"
echo "@@STEP 4: bad states, disk without swap"
run "echo standby > /sys/power/state"
run "echo bogus > /sys/power/state"
run "echo disk > /sys/power/state"
run cat /sys/power/suspend_stats/success
run cat /sys/power/suspend_stats/fail
run cat /sys/power/suspend_stats/failed_suspend
run cat /sys/devices/system/cpu/online
