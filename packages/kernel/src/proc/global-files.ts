// System-wide /proc files: uptime, loadavg, meminfo, cpuinfo, stat, version,
// filesystems, in the formats of Linux 6.8.

import type { Kernel } from '../kernel.ts';
import type { PidNs } from '../process/pidns.ts';
import { USER_HZ } from './pid-files.ts';

export function uptimeText(k: Kernel): string {
  const up = k.clock.now / 1000;
  const busy = k.cgroupRoot.cpuState().usageUs / 1e6;
  const idle = Math.max(0, up * k.ncpu - busy);
  return `${up.toFixed(2)} ${idle.toFixed(2)}\n`;
}

export function loadavgText(k: Kernel, ns: PidNs): string {
  let running = 0, total = 0, last = 0;
  for (const [pid, p] of ns.procs) {
    total++;
    if (p.state === 'R') running++;
    if (pid > last) last = pid;
  }
  const load = Math.min(k.runq.length, 99).toFixed(2);
  return `${load} ${load} ${load} ${Math.max(1, running)}/${total} ${last}\n`;
}

export function meminfoText(k: Kernel): string {
  const totalKb = Math.floor(k.memoryBytes / 1024);
  const usedKb = Math.floor(k.cgroupRoot.memCurrent / 1024);
  const cached = Math.floor(totalKb * 0.05);
  const buffers = Math.floor(totalKb * 0.01);
  const free = Math.max(0, totalKb - usedKb - cached - buffers - 120000);
  const avail = free + cached + buffers;
  const rows: [string, number][] = [
    ['MemTotal', totalKb], ['MemFree', free], ['MemAvailable', avail], ['Buffers', buffers], ['Cached', cached],
    ['SwapCached', 0], ['Active', Math.floor(usedKb / 2) + cached], ['Inactive', Math.floor(usedKb / 2) + buffers],
    ['Active(anon)', Math.floor(usedKb / 2)], ['Inactive(anon)', Math.floor(usedKb / 2)], ['Active(file)', cached],
    ['Inactive(file)', buffers], ['Unevictable', 0], ['Mlocked', 0], ['SwapTotal', 0], ['SwapFree', 0], ['Zswap', 0],
    ['Zswapped', 0], ['Dirty', 0], ['Writeback', 0], ['AnonPages', usedKb], ['Mapped', Math.floor(cached / 4)],
    ['Shmem', 1024], ['KReclaimable', 20480], ['Slab', 61440], ['SReclaimable', 20480], ['SUnreclaim', 40960],
    ['KernelStack', 3072], ['PageTables', 2048], ['SecPageTables', 0], ['NFS_Unstable', 0], ['Bounce', 0],
    ['WritebackTmp', 0], ['CommitLimit', Math.floor(totalKb / 2)], ['Committed_AS', usedKb + 200000],
    ['VmallocTotal', 34359738367], ['VmallocUsed', 20480], ['VmallocChunk', 0], ['Percpu', 1024 * k.ncpu],
    ['HardwareCorrupted', 0], ['AnonHugePages', 0], ['ShmemHugePages', 0], ['ShmemPmdMapped', 0],
    ['FileHugePages', 0], ['FilePmdMapped', 0], ['Unaccepted', 0], ['HugePages_Total', 0], ['HugePages_Free', 0],
    ['HugePages_Rsvd', 0], ['HugePages_Surp', 0], ['Hugepagesize', 2048], ['Hugetlb', 0],
    ['DirectMap4k', 131072], ['DirectMap2M', totalKb - 131072], ['DirectMap1G', 0],
  ];
  return rows.map(([n, v]) => {
    const label = (n + ':').padEnd(15);
    return n.startsWith('HugePages_') ? `${label}${String(v).padStart(9)}\n` : `${label}${String(v).padStart(9)} kB\n`;
  }).join('');
}

export function cpuinfoText(k: Kernel): string {
  let s = '';
  for (let i = 0; i < k.ncpu; i++) {
    s += `processor\t: ${i}\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n`
      + `model name\t: Intel(R) Xeon(R) Platinum 8259CL CPU @ 2.50GHz\nstepping\t: 7\nmicrocode\t: 0x5003604\n`
      + `cpu MHz\t\t: 2499.998\ncache size\t: 36608 KB\nphysical id\t: 0\nsiblings\t: ${k.ncpu}\ncore id\t\t: ${i}\n`
      + `cpu cores\t: ${k.ncpu}\napicid\t\t: ${i}\ninitial apicid\t: ${i}\nfpu\t\t: yes\nfpu_exception\t: yes\n`
      + `cpuid level\t: 13\nwp\t\t: yes\n`
      + 'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid mpx avx512f avx512dq rdseed adx smap clflushopt clwb avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves ida arat pku ospke\n'
      + 'bugs\t\t: spectre_v1 spectre_v2 spec_store_bypass swapgs taa itlb_multihit mmio_stale_data retbleed gds bhi\n'
      + `bogomips\t: 4999.99\nclflush size\t: 64\ncache_alignment\t: 64\naddress sizes\t: 46 bits physical, 48 bits virtual\npower management:\n\n`;
  }
  return s;
}

export function statText(k: Kernel): string {
  const ticks = (ms: number): number => Math.floor(ms / (1000 / USER_HZ));
  const busyMs = k.cgroupRoot.cpuState().usageUs / 1000;
  const idleMs = Math.max(0, k.clock.now * k.ncpu - busyMs);
  const line = (name: string, user: number, idle: number): string => `${name} ${user} 0 ${Math.floor(user / 4)} ${idle} 0 0 0 0 0 0\n`;
  let s = line('cpu ', ticks(busyMs), ticks(idleMs));
  for (let i = 0; i < k.ncpu; i++) s += line(`cpu${i}`, ticks(busyMs / k.ncpu), ticks(idleMs / k.ncpu));
  let running = 0;
  for (const p of k.hostPidNs.procs.values()) if (p.state === 'R') running++;
  s += `intr 0\nctxt ${Math.floor(busyMs) * 10}\nbtime ${Math.floor(k.clock.bootTime / 1000)}\n`
    + `processes ${k.forks}\nprocs_running ${Math.max(1, running)}\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n`;
  return s;
}

export function versionText(k: Kernel): string {
  return `Linux version ${k.release} (buildd@lcy02-amd64-080) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, `
    + `GNU ld (GNU Binutils for Ubuntu) 2.42) ${k.version}\n`;
}

const FS_LIST = ['sysfs', 'tmpfs', 'bdev', 'proc', 'cgroup', 'cgroup2', 'cpuset', 'devtmpfs', 'configfs', 'debugfs',
  'tracefs', 'securityfs', 'sockfs', 'bpf', 'pipefs', 'ramfs', 'hugetlbfs', 'devpts', '+ext3', '+ext2', '+ext4',
  '+squashfs', '+vfat', 'ecryptfs', '+fuseblk', 'fuse', 'fusectl', 'efivarfs', 'mqueue', 'pstore', 'autofs',
  'binfmt_misc', 'overlay'];

export function filesystemsText(_k: Kernel): string {
  return FS_LIST.map((n) => (n.startsWith('+') ? `\t${n.slice(1)}\n` : `nodev\t${n}\n`)).join('');
}
