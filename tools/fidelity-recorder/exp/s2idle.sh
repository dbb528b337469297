run cat /sys/power/mem_sleep
echo "@@STEP 1: s2idle, woken by the RTC alarm 5 s later"
run "echo s2idle > /sys/power/mem_sleep"
run cat /sys/power/mem_sleep
run "echo +5 > /sys/class/rtc/rtc0/wakealarm"
run "echo mem > /sys/power/state"
run "echo deep > /sys/power/mem_sleep"
echo "@@STEP 2: freeze (never reached when step 1 does not wake)"
run "echo +5 > /sys/class/rtc/rtc0/wakealarm"
run "echo freeze > /sys/power/state"
