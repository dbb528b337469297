#!/usr/bin/env python3
"""Records one experiment on a real Linux 6.1 kernel under QEMU TCG, in the format of the
shared real-kernel recordings (fidelity/real-kernel/README.md): a header, then every console
line as '+SSSS.mmm| line' (host seconds since QEMU started).

usage: record.py EXPERIMENT CPUS NAME [--timeout S] [--poke 'TRIGGER|DELAY|MONITOR COMMAND']

EXPERIMENT is a script of exp/ (the initramfs runs exp/EXPERIMENT.sh), CPUS the vCPU count,
NAME the recording's name (written to out/NAME.txt). --poke sends a QEMU monitor command DELAY s
after a console line containing TRIGGER (e.g. 'printk: Suspending console|5|system_powerdown').
Run ./prepare.sh first. Record on an idle host: a busy one changes what TCG's timing shows.
"""
import argparse
import datetime
import os
import re
import resource
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, 'work')
KERNEL = 'vmlinuz-6.1.0-56-amd64'
APPEND = 'console=ttyS0 nmi_watchdog=1 watchdog_thresh=10 panic=-1 log_buf_len=8M'
ESCAPES = re.compile(r'\x1b(\[[0-9;?]*[A-Za-z]|c)')
MONITOR = re.compile(r'^\(qemu\)|^QEMU \d+\.\d+\.\d+ monitor')


def main():
    a = argparse.ArgumentParser()
    a.add_argument('experiment')
    a.add_argument('cpus', type=int)
    a.add_argument('name')
    a.add_argument('--timeout', default='600')
    a.add_argument('--poke')
    args = a.parse_args()
    append = APPEND + ' exp=' + args.experiment
    # The command line the shared recordings show, run from WORK (paths 'work/...').
    cmd = ['timeout', args.timeout, 'qemu-system-x86_64', '-accel', 'tcg', '-m', '2G', '-smp',
           str(args.cpus), '-nographic', '-no-reboot', '-kernel', 'work/kpkg/boot/' + KERNEL,
           '-initrd', 'work/initramfs.cpio.gz', '-append', append]
    recorded = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    t0 = time.time()
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.PIPE, cwd=HERE)
    lines = []

    def monitor(command):
        # -nographic multiplexes the monitor on stdio: Ctrl-A c switches to it and back.
        for b in (b'\x01c', command.encode() + b'\n', b'\x01c'):
            p.stdin.write(b)
            p.stdin.flush()
            time.sleep(0.3)

    buf = b''
    while True:
        chunk = p.stdout.read1(4096)
        if not chunk:
            break
        buf += chunk
        while b'\n' in buf:
            raw, buf = buf.split(b'\n', 1)
            line = ESCAPES.sub('', raw.decode('utf-8', 'replace').rstrip('\r'))
            if MONITOR.match(line):
                continue
            lines.append((time.time() - t0, line))
            if args.poke and args.poke.split('|')[0] in line:
                _, delay, command = args.poke.split('|')
                threading.Timer(float(delay), monitor, [command]).start()
    if buf:
        lines.append((time.time() - t0, ESCAPES.sub('', buf.decode('utf-8', 'replace'))))
    rc = p.wait()
    wall = time.time() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)

    def first(text):
        return next(('%08.3f' % t for t, l in lines if text in l), '-')

    uname = next((l[len('@@UNAME '):] for _, l in lines if l.startswith('@@UNAME ')), '')
    out = [
        '# oracle/kernel result: ' + args.name,
        '# experiment script : guest/exp/%s.sh   (vCPUs: %d, accel: tcg)'
        % (args.experiment, args.cpus),
        '# recorded (UTC)    : ' + recorded,
        '# host              : %d CPUs, host kernel %s' % (os.cpu_count(), os.uname().release),
        '# qemu              : ' + subprocess.run(['qemu-system-x86_64', '--version'],
                                                  capture_output=True, text=True)
        .stdout.splitlines()[0],
        '# guest kernel      : Debian package linux-image-6.1.0-56-amd64 (6.1.192-2); uname: '
        + uname,
        '# command           : ' + ' '.join(c.replace(' ', '\\ ') for c in cmd) + ' ',
        '# exit status       : %d (124 = killed by timeout)' % rc,
        '# host wall/user/sys: %.2f s / %.2f s / %.2f s (whole qemu process)'
        % (wall, r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime),
        '# host-elapsed seconds since qemu start:',
        "#   first kernel line ('Linux version')   : " + first('Linux version'),
        "#   SMP bring-up done ('smp: Brought up') : " + first('smp: Brought up'),
        "#   init script first line (@@INIT_START) : " + first('@@INIT_START'),
        "#   experiment done (@@DMESG_BEGIN)       : " + first('@@DMESG_BEGIN'),
        "#   power off ('reboot: Power down')      : " + first('reboot: Power down'),
        "#   last console line                     : "
        + ('%08.3f' % lines[-1][0] if lines else '-'),
        "# Each line below: '+SSSS.mmm| ' = host seconds since qemu start, then",
        "# the serial console byte stream (kernel printk + /init output).",
        "# '$ CMD' / '[rc=N]' bracket each scripted command; @@DMESG_BEGIN..END",
        "# is the full 'dmesg' at the end of the experiment.",
        '',
    ]
    out += ['+%08.3f| %s' % (t, l) for t, l in lines]
    os.makedirs(os.path.join(HERE, 'out'), exist_ok=True)
    with open(os.path.join(HERE, 'out', args.name + '.txt'), 'w') as f:
        f.write('\n'.join(out) + '\n')
    print('%s: exit %d, %.1f s, %d lines' % (args.name, rc, wall, len(lines)), file=sys.stderr)


if __name__ == '__main__':
    main()
