// The units of a Docker host as the docker-ce and containerd.io packages
// install them (/usr/lib/systemd/system/*.service), and what the service
// manager needs from each: how to start it, when it is ready, how to stop it.
// Both use KillMode=process: stopping the unit signals only the main process,
// so containerd's shims (in containerd.service's cgroup) outlive it.

export interface UnitDef {
  /** "docker.service" */
  name: string;
  description: string;
  docs: string;
  fragment: string;
  execStart: string[];
  restart: 'always' | 'no';
  restartSec: number;
  /** Units this one is ordered after and wants. */
  after: string[];
  text: string;
}

const DOCKER_UNIT = `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target nss-lookup.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
# the default is not to use systemd for cgroups because the delegate issues still
# exists and systemd currently does not support the cgroup feature set required
# for containers run by docker
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always

# Note that StartLimit* options were moved from "Service" to "Unit" in systemd 229.
# Both the old, and new location are accepted by systemd 229 and up, so using the old location
# to make them work for either version of systemd.
StartLimitBurst=3

# Note that StartLimitInterval was renamed to StartLimitIntervalSec in systemd 230.
# Both the old, and new name are accepted by systemd 230 and up, so using the old name to make
# this option work for either version of systemd.
StartLimitInterval=60s

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not support it.
# Only systemd 226 and above support this option.
TasksMax=infinity

# set delegate yes so that systemd does not reset the cgroups of docker containers
Delegate=yes

# kill only the docker process, not all processes in the cgroup
KillMode=process
OOMScoreAdjust=-500

[Install]
WantedBy=multi-user.target
`;

const CONTAINERD_UNIT = `# Copyright The containerd Authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target local-fs.target dbus.service

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

# Having non-zero Limit*s causes performance problems due to accounting overhead
# in the kernel. We recommend using cgroups to do container-local accounting.
LimitNPROC=infinity
LimitCORE=infinity

# Comment TasksMax if your systemd version does not supports it.
# Only systemd 226 and above support this version.
TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

export const UNITS: UnitDef[] = [
  {
    name: 'containerd.service', description: 'containerd container runtime', docs: 'https://containerd.io',
    fragment: '/usr/lib/systemd/system/containerd.service', execStart: ['/usr/bin/containerd'],
    restart: 'always', restartSec: 5, after: [], text: CONTAINERD_UNIT,
  },
  {
    name: 'docker.service', description: 'Docker Application Container Engine', docs: 'https://docs.docker.com',
    fragment: '/usr/lib/systemd/system/docker.service',
    execStart: ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'],
    restart: 'always', restartSec: 2, after: ['containerd.service'], text: DOCKER_UNIT,
  },
];

/** "docker" → "docker.service"; other suffixes are kept. */
export function unitName(arg: string): string {
  return /\.(service|socket|target|scope|slice|mount|timer)$/.test(arg) ? arg : `${arg}.service`;
}

/** The unit files, for the host's filesystem. */
export function unitFiles(): Array<{ path: string; text: string }> {
  return UNITS.map((u) => ({ path: u.fragment, text: u.text }));
}
