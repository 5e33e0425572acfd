// The Debian bookworm and Ubuntu noble archives as far as the simulated world
// can provide them: package names, versions, download and installed sizes as
// the archives' Packages files list them (Oct 2025), listed in the order apt
// unpacks them, plus the order dpkg configures the curl set in (from real
// `apt-get install curl` runs).

import type { PackageDef } from './package.ts';

export interface DebPackage extends PackageDef {
  /** 'all' for architecture-independent packages. */
  arch?: 'all';
  /** Multi-Arch: same (dpkg names it NAME:amd64). */
  ma?: boolean;
  /** Archive suite when not the release itself ('bookworm-security', 'noble-updates'...). */
  suite?: string;
  /** Recommends apt installs by default. */
  recommends?: readonly string[];
  /** dpkg trigger the package activates when configured ('ldconfig', 'ca-certificates'). */
  triggers?: readonly string[];
}

export interface Distro {
  id: 'debian' | 'ubuntu';
  codename: string;
  /** `apt-get update`'s Get lines: URL and suite part, size in bytes. */
  lists: readonly [string, number][];
  /** Mirror URL of the release and of the security suite. */
  mirror: string;
  security: string;
  packages: readonly DebPackage[];
  /** dpkg's configure order where it is known; the rest follow in unpack order. */
  setupOrder: readonly string[];
  /** Files and directories dpkg knows in the base image. */
  baseFiles: number;
  libcBin: string;
}

const k = (kb: number): number => Math.round(kb * 1024);

const CURL_SETUP = ['libkeyutils1', 'libpsl5', 'libpsl5t64', 'libbrotli1', 'libssl3', 'libssl3t64', 'libnghttp2-14', 'krb5-locales', 'libldap-common',
  'libkrb5support0', 'libsasl2-modules-db', 'librtmp1', 'libk5crypto3', 'libsasl2-2', 'libssh2-1', 'libssh-4', 'libkrb5-3', 'openssl',
  'publicsuffix', 'libsasl2-modules', 'libldap-2.5-0', 'libldap2', 'ca-certificates', 'libgssapi-krb5-2', 'libcurl4', 'libcurl4t64', 'curl'];

export const BOOKWORM: Distro = {
  id: 'debian', codename: 'bookworm', mirror: 'http://deb.debian.org/debian', security: 'http://deb.debian.org/debian-security',
  lists: [
    ['http://deb.debian.org/debian bookworm InRelease', 151_000],
    ['http://deb.debian.org/debian bookworm-updates InRelease', 55_400],
    ['http://deb.debian.org/debian-security bookworm-security InRelease', 48_000],
    ['http://deb.debian.org/debian bookworm/main amd64 Packages', 8_793_000],
    ['http://deb.debian.org/debian bookworm-updates/main amd64 Packages', 6_924],
    ['http://deb.debian.org/debian-security bookworm-security/main amd64 Packages', 277_000],
  ],
  baseFiles: 6090, libcBin: '2.36-9+deb12u13', setupOrder: CURL_SETUP,
  packages: [
    { name: 'libssl3', version: '3.0.17-1~deb12u3', ma: true, suite: 'bookworm-security', desc: 'Secure Sockets Layer toolkit - shared libraries', size: k(6_172), dlsize: 2_030_000, files: ['usr/lib/x86_64-linux-gnu/libssl.so.3@696_336', 'usr/lib/x86_64-linux-gnu/libcrypto.so.3'], triggers: ['ldconfig'] },
    { name: 'openssl', version: '3.0.17-1~deb12u3', suite: 'bookworm-security', desc: 'Secure Sockets Layer toolkit - cryptographic utility', size: k(2_306), dlsize: 1_433_000, deps: ['libssl3'], files: ['usr/bin/openssl', 'usr/lib/ssl/openssl.cnf@12_411', 'etc/ssl/certs/'] },
    { name: 'ca-certificates', version: '20230311+deb12u1', arch: 'all', desc: 'Common CA certificates', size: k(389), dlsize: 155_000, deps: ['openssl'], files: ['usr/sbin/update-ca-certificates=true@6_942', 'usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt@1_939', 'usr/share/ca-certificates/mozilla/certs', 'etc/ssl/certs/ca-certificates.crt@213_777', 'etc/ca-certificates/update.d/'], triggers: ['ca-certificates'] },
    { name: 'krb5-locales', version: '1.20.1-2+deb12u4', arch: 'all', desc: 'internationalization support for MIT Kerberos', size: k(125), dlsize: 63_400, files: ['usr/share/locale/de/LC_MESSAGES/mit-krb5.mo'] },
    { name: 'libbrotli1', version: '1.0.9-2+b6', ma: true, desc: 'library implementing brotli encoder and decoder (shared libraries)', size: k(802), dlsize: 275_000, files: ['usr/lib/x86_64-linux-gnu/libbrotlicommon.so.1.0.9@137_000', 'usr/lib/x86_64-linux-gnu/libbrotlidec.so.1.0.9@54_000', 'usr/lib/x86_64-linux-gnu/libbrotlienc.so.1.0.9'], triggers: ['ldconfig'] },
    { name: 'libkrb5support0', version: '1.20.1-2+deb12u4', ma: true, desc: 'MIT Kerberos runtime libraries - Support library', size: k(135), dlsize: 33_200, files: ['usr/lib/x86_64-linux-gnu/libkrb5support.so.0.1'], triggers: ['ldconfig'] },
    { name: 'libk5crypto3', version: '1.20.1-2+deb12u4', ma: true, desc: 'MIT Kerberos runtime libraries - Crypto Library', size: k(209), dlsize: 79_800, deps: ['libkrb5support0'], files: ['usr/lib/x86_64-linux-gnu/libk5crypto.so.3.1'], triggers: ['ldconfig'] },
    { name: 'libkeyutils1', version: '1.6.3-2', ma: true, desc: 'Linux Key Management Utilities (library)', size: k(46), dlsize: 8_808, files: ['usr/lib/x86_64-linux-gnu/libkeyutils.so.1.10'], triggers: ['ldconfig'] },
    { name: 'libkrb5-3', version: '1.20.1-2+deb12u4', ma: true, desc: 'MIT Kerberos runtime libraries', size: k(1_083), dlsize: 334_000, deps: ['libk5crypto3', 'libkeyutils1', 'libkrb5support0', 'libssl3'], recommends: ['krb5-locales'], files: ['usr/lib/x86_64-linux-gnu/libkrb5.so.3.3'], triggers: ['ldconfig'] },
    { name: 'libgssapi-krb5-2', version: '1.20.1-2+deb12u4', ma: true, desc: 'MIT Kerberos runtime libraries - krb5 GSS-API Mechanism', size: k(433), dlsize: 135_000, deps: ['libk5crypto3', 'libkrb5-3', 'libkrb5support0'], files: ['usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2.2'], triggers: ['ldconfig'] },
    { name: 'libsasl2-modules-db', version: '2.1.28+dfsg-10', ma: true, desc: 'Cyrus SASL - pluggable authentication modules (DB)', size: k(60), dlsize: 20_300, files: ['usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so.2.0.25'] },
    { name: 'libsasl2-2', version: '2.1.28+dfsg-10', ma: true, desc: 'Cyrus SASL - authentication abstraction library', size: k(155), dlsize: 59_700, deps: ['libsasl2-modules-db'], recommends: ['libsasl2-modules'], files: ['usr/lib/x86_64-linux-gnu/libsasl2.so.2.0.25'], triggers: ['ldconfig'] },
    { name: 'libldap-2.5-0', version: '2.5.13+dfsg-5', ma: true, desc: 'OpenLDAP libraries', size: k(566), dlsize: 183_000, deps: ['libgssapi-krb5-2', 'libsasl2-2'], recommends: ['libldap-common'], files: ['usr/lib/x86_64-linux-gnu/libldap-2.5.so.0.1.8', 'usr/lib/x86_64-linux-gnu/liblber-2.5.so.0.1.8@60_000'], triggers: ['ldconfig'] },
    { name: 'libnghttp2-14', version: '1.52.0-1+deb12u2', ma: true, desc: 'library implementing HTTP/2 protocol (shared library)', size: k(211), dlsize: 73_000, files: ['usr/lib/x86_64-linux-gnu/libnghttp2.so.14.24.1'], triggers: ['ldconfig'] },
    { name: 'libpsl5', version: '0.21.2-1', ma: true, desc: 'Library for Public Suffix List (shared libraries)', size: k(95), dlsize: 58_700, recommends: ['publicsuffix'], files: ['usr/lib/x86_64-linux-gnu/libpsl.so.5.3.4'], triggers: ['ldconfig'] },
    { name: 'librtmp1', version: '2.4+20151223.gitfa8646d.1-2+b2', ma: true, desc: 'toolkit for RTMP streams (shared library)', size: k(150), dlsize: 60_800, files: ['usr/lib/x86_64-linux-gnu/librtmp.so.1'], triggers: ['ldconfig'] },
    { name: 'libssh2-1', version: '1.10.0-3+b1', ma: true, desc: 'SSH2 client-side library', size: k(448), dlsize: 179_000, deps: ['libssl3'], files: ['usr/lib/x86_64-linux-gnu/libssh2.so.1.0.1'], triggers: ['ldconfig'] },
    { name: 'libcurl4', version: '7.88.1-10+deb12u14', ma: true, desc: 'easy-to-use client-side URL transfer library (OpenSSL flavour)', size: k(871), dlsize: 392_000,
      deps: ['libbrotli1', 'libgssapi-krb5-2', 'libldap-2.5-0', 'libnghttp2-14', 'libpsl5', 'librtmp1', 'libssh2-1', 'libssl3'], recommends: ['ca-certificates'],
      files: ['usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0', 'usr/lib/x86_64-linux-gnu/libcurl.so.4>libcurl.so.4.8.0'], triggers: ['ldconfig'] },
    { name: 'curl', version: '7.88.1-10+deb12u14', desc: 'command line tool for transferring data with URL syntax', url: 'https://curl.se/', size: k(496), dlsize: 316_000, deps: ['libcurl4'], files: ['usr/bin/curl=curl-deb12'] },
    { name: 'libldap-common', version: '2.5.13+dfsg-5', arch: 'all', desc: 'OpenLDAP common files for libraries', size: k(91), dlsize: 29_300, files: ['etc/ldap/ldap.conf@332'] },
    { name: 'libsasl2-modules', version: '2.1.28+dfsg-10', ma: true, desc: 'Cyrus SASL - pluggable authentication modules', size: k(229), dlsize: 66_600, files: ['usr/lib/x86_64-linux-gnu/sasl2/libplain.so.2.0.25'] },
    { name: 'publicsuffix', version: '20230209.2326-1', arch: 'all', desc: 'accurate, machine-readable list of domain name suffixes', size: k(230), dlsize: 126_000, files: ['usr/share/publicsuffix/public_suffix_list.dat'] },
    // procps, ping, ip
    { name: 'libproc2-0', version: '2:4.0.2-3', ma: true, desc: 'library for accessing process information from /proc', size: k(211), dlsize: 62_800, files: ['usr/lib/x86_64-linux-gnu/libproc2.so.0.0.1'], triggers: ['ldconfig'] },
    { name: 'procps', version: '2:4.0.2-3', desc: '/proc file system utilities', size: k(2_389), dlsize: 709_000, deps: ['libproc2-0'],
      files: ['usr/bin/ps=coreutils@154_568', 'usr/bin/top=coreutils@130_560', 'usr/bin/free=coreutils@31_040', 'usr/bin/pgrep=coreutils@35_144', 'usr/bin/pkill=coreutils@35_144', 'usr/bin/uptime=coreutils@14_640', 'usr/bin/kill=kill@31_040', 'usr/bin/watch', 'usr/bin/vmstat'] },
    { name: 'libcap2-bin', version: '1:2.66-4+deb12u1', desc: 'POSIX 1003.1e capabilities (utilities)', size: k(116), dlsize: 34_800, files: ['usr/sbin/capsh', 'usr/sbin/setcap@14_000'] },
    { name: 'iputils-ping', version: '3:20221126-1+deb12u1', desc: 'Tools to test the reachability of network hosts', size: k(115), dlsize: 47_100, recommends: ['libcap2-bin'], files: ['usr/bin/ping=ping'] },
    { name: 'libmnl0', version: '1.0.4-3', ma: true, desc: 'minimalistic Netlink communication library', size: k(45), dlsize: 12_600, files: ['usr/lib/x86_64-linux-gnu/libmnl.so.0.2.0'], triggers: ['ldconfig'] },
    { name: 'libbpf1', version: '1:1.1.0-1', ma: true, desc: 'eBPF helper library (shared library)', size: k(443), dlsize: 145_000, files: ['usr/lib/x86_64-linux-gnu/libbpf.so.1.1.0'], triggers: ['ldconfig'] },
    { name: 'libelf1', version: '0.188-2.1', ma: true, desc: 'library to read and write ELF files', size: k(430), dlsize: 174_000, files: ['usr/lib/x86_64-linux-gnu/libelf-0.188.so'], triggers: ['ldconfig'] },
    { name: 'iproute2', version: '6.1.0-3', desc: 'networking and traffic control tools', size: k(3_614), dlsize: 1_046_000, deps: ['libbpf1', 'libelf1', 'libmnl0'], recommends: ['libcap2-bin'],
      files: ['usr/bin/ip=coreutils@780_000', 'usr/bin/ss=coreutils@150_000', 'usr/sbin/bridge=coreutils@120_000', 'usr/sbin/tc', 'etc/iproute2/rt_tables@92'] },
  ],
};

export const NOBLE: Distro = {
  id: 'ubuntu', codename: 'noble', mirror: 'http://archive.ubuntu.com/ubuntu', security: 'http://security.ubuntu.com/ubuntu',
  lists: [
    ['http://security.ubuntu.com/ubuntu noble-security InRelease', 126_000],
    ['http://archive.ubuntu.com/ubuntu noble InRelease', 256_000],
    ['http://archive.ubuntu.com/ubuntu noble-updates InRelease', 126_000],
    ['http://archive.ubuntu.com/ubuntu noble-backports InRelease', 126_000],
    ['http://security.ubuntu.com/ubuntu noble-security/main amd64 Packages', 1_587_000],
    ['http://archive.ubuntu.com/ubuntu noble/universe amd64 Packages', 19_300_000],
    ['http://security.ubuntu.com/ubuntu noble-security/universe amd64 Packages', 1_167_000],
    ['http://archive.ubuntu.com/ubuntu noble/main amd64 Packages', 1_808_000],
    ['http://archive.ubuntu.com/ubuntu noble/restricted amd64 Packages', 117_000],
    ['http://archive.ubuntu.com/ubuntu noble/multiverse amd64 Packages', 331_000],
    ['http://archive.ubuntu.com/ubuntu noble-updates/main amd64 Packages', 1_952_000],
    ['http://archive.ubuntu.com/ubuntu noble-updates/universe amd64 Packages', 1_937_000],
    ['http://archive.ubuntu.com/ubuntu noble-backports/universe amd64 Packages', 33_900],
  ],
  baseFiles: 4381, libcBin: '2.39-0ubuntu8.6', setupOrder: CURL_SETUP,
  packages: [
    { name: 'openssl', version: '3.0.13-0ubuntu3.6', suite: 'noble-updates', desc: 'Secure Sockets Layer toolkit - cryptographic utility', size: k(2_170), dlsize: 1_003_000, files: ['usr/bin/openssl', 'usr/lib/ssl/openssl.cnf@12_332', 'etc/ssl/certs/'] },
    { name: 'ca-certificates', version: '20240203', arch: 'all', desc: 'Common CA certificates', size: k(383), dlsize: 159_000, deps: ['openssl'], files: ['usr/sbin/update-ca-certificates=true@6_942', 'usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt@1_939', 'usr/share/ca-certificates/mozilla/certs', 'etc/ssl/certs/ca-certificates.crt@219_342', 'etc/ca-certificates/update.d/'], triggers: ['ca-certificates'] },
    { name: 'krb5-locales', version: '1.20.1-6ubuntu2.6', suite: 'noble-updates', arch: 'all', desc: 'internationalization support for MIT Kerberos', size: k(128), dlsize: 14_600, files: ['usr/share/locale/de/LC_MESSAGES/mit-krb5.mo'] },
    { name: 'libkrb5support0', version: '1.20.1-6ubuntu2.6', suite: 'noble-updates', ma: true, desc: 'MIT Kerberos runtime libraries - Support library', size: k(132), dlsize: 34_400, files: ['usr/lib/x86_64-linux-gnu/libkrb5support.so.0.1'], triggers: ['ldconfig'] },
    { name: 'libk5crypto3', version: '1.20.1-6ubuntu2.6', suite: 'noble-updates', ma: true, desc: 'MIT Kerberos runtime libraries - Crypto Library', size: k(218), dlsize: 81_800, deps: ['libkrb5support0'], files: ['usr/lib/x86_64-linux-gnu/libk5crypto.so.3.1'], triggers: ['ldconfig'] },
    { name: 'libkeyutils1', version: '1.6.3-3build1', ma: true, desc: 'Linux Key Management Utilities (library)', size: k(46), dlsize: 9_490, files: ['usr/lib/x86_64-linux-gnu/libkeyutils.so.1.10'], triggers: ['ldconfig'] },
    { name: 'libkrb5-3', version: '1.20.1-6ubuntu2.6', suite: 'noble-updates', ma: true, desc: 'MIT Kerberos runtime libraries', size: k(1_164), dlsize: 348_000, deps: ['libk5crypto3', 'libkeyutils1', 'libkrb5support0'], recommends: ['krb5-locales'], files: ['usr/lib/x86_64-linux-gnu/libkrb5.so.3.3'], triggers: ['ldconfig'] },
    { name: 'libgssapi-krb5-2', version: '1.20.1-6ubuntu2.6', suite: 'noble-updates', ma: true, desc: 'MIT Kerberos runtime libraries - krb5 GSS-API Mechanism', size: k(459), dlsize: 143_000, deps: ['libk5crypto3', 'libkrb5-3', 'libkrb5support0'], files: ['usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2.2'], triggers: ['ldconfig'] },
    { name: 'libnghttp2-14', version: '1.59.0-1ubuntu0.2', suite: 'noble-updates', ma: true, desc: 'library implementing HTTP/2 protocol (shared library)', size: k(229), dlsize: 74_300, files: ['usr/lib/x86_64-linux-gnu/libnghttp2.so.14.25.1'], triggers: ['ldconfig'] },
    { name: 'libpsl5t64', version: '0.21.2-1.1build1', ma: true, desc: 'Library for Public Suffix List (shared libraries)', size: k(99), dlsize: 57_100, recommends: ['publicsuffix'], files: ['usr/lib/x86_64-linux-gnu/libpsl.so.5.3.4'], triggers: ['ldconfig'] },
    { name: 'publicsuffix', version: '20231001.0357-0.1', arch: 'all', desc: 'accurate, machine-readable list of domain name suffixes', size: k(320), dlsize: 129_000, files: ['usr/share/publicsuffix/public_suffix_list.dat'] },
    { name: 'libbrotli1', version: '1.1.0-2build2', ma: true, desc: 'library implementing brotli encoder and decoder (shared libraries)', size: k(830), dlsize: 331_000, files: ['usr/lib/x86_64-linux-gnu/libbrotlicommon.so.1.1.0@137_000', 'usr/lib/x86_64-linux-gnu/libbrotlidec.so.1.1.0@54_000', 'usr/lib/x86_64-linux-gnu/libbrotlienc.so.1.1.0'], triggers: ['ldconfig'] },
    { name: 'libsasl2-modules-db', version: '2.1.28+dfsg1-5ubuntu3.1', suite: 'noble-updates', ma: true, desc: 'Cyrus SASL - pluggable authentication modules (DB)', size: k(79), dlsize: 20_300, files: ['usr/lib/x86_64-linux-gnu/sasl2/libsasldb.so.2.0.25'] },
    { name: 'libsasl2-2', version: '2.1.28+dfsg1-5ubuntu3.1', suite: 'noble-updates', ma: true, desc: 'Cyrus SASL - authentication abstraction library', size: k(162), dlsize: 53_700, deps: ['libsasl2-modules-db'], recommends: ['libsasl2-modules'], files: ['usr/lib/x86_64-linux-gnu/libsasl2.so.2.0.25'], triggers: ['ldconfig'] },
    { name: 'libldap2', version: '2.6.7+dfsg-1~exp1ubuntu8.2', suite: 'noble-updates', ma: true, desc: 'OpenLDAP libraries', size: k(588), dlsize: 196_000, deps: ['libgssapi-krb5-2', 'libsasl2-2'], recommends: ['libldap-common'], files: ['usr/lib/x86_64-linux-gnu/libldap.so.2.0.200', 'usr/lib/x86_64-linux-gnu/liblber.so.2.0.200@60_000'], triggers: ['ldconfig'] },
    { name: 'librtmp1', version: '2.4+20151223.gitfa8646d.1-2build7', ma: true, desc: 'toolkit for RTMP streams (shared library)', size: k(146), dlsize: 56_300, files: ['usr/lib/x86_64-linux-gnu/librtmp.so.1'], triggers: ['ldconfig'] },
    { name: 'libssh-4', version: '0.10.6-2ubuntu0.1', suite: 'noble-updates', ma: true, desc: 'tiny C SSH library (OpenSSL flavor)', size: k(589), dlsize: 189_000, files: ['usr/lib/x86_64-linux-gnu/libssh.so.4.9.6'], triggers: ['ldconfig'] },
    { name: 'libcurl4t64', version: '8.5.0-2ubuntu10.6', suite: 'noble-updates', ma: true, desc: 'easy-to-use client-side URL transfer library (OpenSSL flavour)', size: k(866), dlsize: 341_000,
      deps: ['libbrotli1', 'libgssapi-krb5-2', 'libldap2', 'libnghttp2-14', 'libpsl5t64', 'librtmp1', 'libssh-4'], recommends: ['ca-certificates'],
      files: ['usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0', 'usr/lib/x86_64-linux-gnu/libcurl.so.4>libcurl.so.4.8.0'], triggers: ['ldconfig'] },
    { name: 'curl', version: '8.5.0-2ubuntu10.6', suite: 'noble-updates', desc: 'command line tool for transferring data with URL syntax', url: 'https://curl.se/', size: k(455), dlsize: 226_000, deps: ['libcurl4t64'], files: ['usr/bin/curl=curl-noble'] },
    { name: 'libldap-common', version: '2.6.7+dfsg-1~exp1ubuntu8.2', suite: 'noble-updates', arch: 'all', desc: 'OpenLDAP common files for libraries', size: k(101), dlsize: 31_700, files: ['etc/ldap/ldap.conf@332'] },
    { name: 'libsasl2-modules', version: '2.1.28+dfsg1-5ubuntu3.1', suite: 'noble-updates', ma: true, desc: 'Cyrus SASL - pluggable authentication modules', size: k(211), dlsize: 69_900, files: ['usr/lib/x86_64-linux-gnu/sasl2/libplain.so.2.0.25'] },
    { name: 'iputils-ping', version: '3:20240117-1ubuntu0.1', suite: 'noble-updates', desc: 'Tools to test the reachability of network hosts', size: k(113), dlsize: 44_900, files: ['usr/bin/ping=ping'] },
    { name: 'libmnl0', version: '1.0.5-2build1', ma: true, desc: 'minimalistic Netlink communication library', size: k(45), dlsize: 12_300, files: ['usr/lib/x86_64-linux-gnu/libmnl.so.0.2.0'], triggers: ['ldconfig'] },
    { name: 'libbpf1', version: '1:1.3.0-2build2', ma: true, desc: 'eBPF helper library (shared library)', size: k(459), dlsize: 166_000, files: ['usr/lib/x86_64-linux-gnu/libbpf.so.1.3.0'], triggers: ['ldconfig'] },
    { name: 'libelf1t64', version: '0.190-1.1ubuntu0.1', suite: 'noble-updates', ma: true, desc: 'library to read and write ELF files', size: k(140), dlsize: 57_800, files: ['usr/lib/x86_64-linux-gnu/libelf-0.190.so'], triggers: ['ldconfig'] },
    { name: 'iproute2', version: '6.1.0-1ubuntu6.2', suite: 'noble-updates', desc: 'networking and traffic control tools', size: k(3_430), dlsize: 1_120_000, deps: ['libbpf1', 'libelf1t64', 'libmnl0'],
      files: ['usr/bin/ip=coreutils@780_000', 'usr/bin/ss=coreutils@150_000', 'usr/sbin/bridge=coreutils@120_000', 'usr/sbin/tc', 'etc/iproute2/rt_tables@92'] },
  ],
};
