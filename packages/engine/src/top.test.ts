import { describe, expect, it } from 'vitest';
import { parsePSOutput } from './top.ts';

describe('parsePSOutput (docker top)', () => {
  const ef = [
    'UID          PID    PPID  C STIME TTY          TIME CMD',
    'root           1       0  0 00:00 ?        00:00:00 /sbin/init',
    'root          12       9  0 00:00 ?        00:00:00 sh -c sleep 5; echo done',
    'root          14      12  0 00:00 ?        00:00:00 sleep 5',
    '',
  ].join('\n');
  it("keeps only the container's pids and glues the command's words into the last column", () => {
    expect(parsePSOutput(ef, [12, 14])).toEqual({
      Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'],
      Processes: [
        ['root', '12', '9', '0', '00:00', '?', '00:00:00', 'sh -c sleep 5; echo done'],
        ['root', '14', '12', '0', '00:00', '?', '00:00:00', 'sleep 5'],
      ],
    });
  });
  it('refuses output without a PID column, as moby does', () => {
    expect(() => parsePSOutput('X COMMAND\n1 sleep\n', [1])).toThrow("Couldn't find PID field in ps output");
  });
  it('refuses a PID column that is not a number', () => {
    expect(() => parsePSOutput('PID CMD\nabc sleep\n', [1])).toThrow(`Unexpected pid 'abc'`);
  });
});
