import { describe, expect, it } from 'vitest';
import * as names from './names.ts';
import * as registry from './registry.ts';

// The names are known at boot while the applets' code loads on first use:
// when this fails, bring names.ts in line with the applet table.
describe('applet names known without their code', () => {
  it('name every applet of the table', () => {
    const table = Object.keys(registry.applets).sort();
    expect({ missing: table.filter((n) => !names.APPLET_NAMES.includes(n)), extra: names.APPLET_NAMES.filter((n) => !table.includes(n)) })
      .toEqual({ missing: [], extra: [] });
  });

  it('give busybox and the GNU flavour the applets the registry gives them', () => {
    expect(names.busyboxApplets).toEqual(registry.busyboxApplets);
    expect(names.coreutilsApplets).toEqual(registry.coreutilsApplets);
  });
});
