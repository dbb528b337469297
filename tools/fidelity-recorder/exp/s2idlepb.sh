run "echo 1 > /sys/power/pm_debug_messages"
echo "@@STEP 1: s2idle, woken by the ACPI power button 5 s later"
run "echo s2idle > /sys/power/mem_sleep"
run "echo mem > /sys/power/state"
run cat /sys/power/suspend_stats/success
run cat /sys/power/pm_wakeup_irq
run cat /sys/power/wakeup_count
echo "@@STEP 2: freeze, woken by the power button 5 s later"
run "echo freeze > /sys/power/state"
run "echo 0 > /sys/power/pm_debug_messages"
echo "@@STEP 3: freeze without debug messages, power button"
run "echo freeze > /sys/power/state"
run cat /proc/interrupts
