// SPDX-License-Identifier: GPL-2.0
/* The soft-lockup test module of the fidelity recordings: a kthread bound to cpu= spins secs=
 * seconds with preemption (mode=0) or interrupts (mode=1) off. */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>

static int cpu = 1;
static int secs = 30;
static int mode;
module_param(cpu, int, 0444);
module_param(secs, int, 0444);
module_param(mode, int, 0444);
static struct task_struct *t;

static noinline int spin_fn(void *unused)
{
	unsigned long start = jiffies;
	unsigned long end = start + (unsigned long)secs * HZ;

	if (mode == 1) {
		pr_info("lockup_test: cpu %d: spinning %d s with interrupts disabled\n", cpu, secs);
		local_irq_disable();
	} else {
		pr_info("lockup_test: cpu %d: spinning %d s with preemption disabled\n", cpu, secs);
		preempt_disable();
	}
	/* Another CPU advances jiffies, also while this one has interrupts off. */
	while (time_before(jiffies, end))
		cpu_relax();
	if (mode == 1)
		local_irq_enable();
	else
		preempt_enable();
	pr_info("lockup_test: cpu %d: spin finished after %u ms\n", cpu,
		jiffies_to_msecs(jiffies - start));
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init lt_init(void)
{
	t = kthread_create(spin_fn, NULL, "lockup_test/%d", cpu);
	if (IS_ERR(t))
		return PTR_ERR(t);
	kthread_bind(t, cpu);
	wake_up_process(t);
	return 0;
}

static void __exit lt_exit(void)
{
	kthread_stop(t);
}
module_init(lt_init);
module_exit(lt_exit);
MODULE_LICENSE("GPL");
